"""The brag document page: the preview writes nothing; the confirmation writes every win
and every ticked goal or action, or nothing; a refusal quotes the line and keeps the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wayfinder.direction.models import Goal
from wayfinder.plan.models import ActionKind, DevelopmentAction
from wayfinder.wins.models import ImpactMetric, Win, WinSource

pytestmark = pytest.mark.django_db

URL = "/data/brag-doc/"
DOC = "## 2025\n- Spoke at MarketingConf — 400 people in the room\n- Hired two people\n"
FIXTURE = Path(__file__).parent / "fixtures" / "brag-document.md"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_the_page_explains_and_offers_both_ways(signed_in):
    content = signed_in.get(reverse("portability:brag-doc")).content.decode()
    assert reverse("portability:brag-doc") == URL
    assert "Bring your brag document" in content
    assert 'enctype="multipart/form-data"' in content
    assert "Download resume.json" in content


def test_preview_shows_what_will_be_created_and_writes_nothing(signed_in, owner):
    response = signed_in.post(URL, {"document": DOC})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Check before anything is written" in content
    assert "31 Dec 2025" in content and "Spoke at MarketingConf" in content
    assert "its period&#x27;s last day (2025)" in content
    assert "400 people" in content and "Add 2 wins" in content
    assert not Win.objects.exists()


def test_confirm_writes_every_win_as_imported(signed_in, owner):
    response = signed_in.post(URL, {"document": DOC, "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wins:wins")
    wins = Win.objects.for_owner(owner).order_by("id")
    assert [(w.title, w.source) for w in wins] == [
        ("Spoke at MarketingConf", WinSource.IMPORT),
        ("Hired two people", WinSource.IMPORT),
    ]
    assert ImpactMetric.objects.for_owner(owner).get().value == 400


def test_the_preview_offers_goals_and_actions_and_lists_what_it_passed_over(signed_in):
    upload = SimpleUploadedFile("brag.md", FIXTURE.read_bytes(), "text/markdown")
    content = signed_in.post(URL, {"upload": upload}).content.decode()
    assert "Add 4 wins and the ticked goals and actions" in content
    assert content.count('type="checkbox" name="offer"') == 4
    assert 'name="offer" value="6"' in content and "add as a goal" in content
    assert "add as a development action (course)" in content
    assert "Passed over" in content
    assert "Line 3: “Written for my review with Priya. **Team:** Payments.”" in content
    assert "Line 14: “- ❌ Launch in EMEA”: marked as not achieved: not a win" in content
    assert "$125k" in content and "from 3.8 stars to 4.5 stars" in content
    assert 'type="hidden" name="document"' in content
    assert not Win.objects.exists() and not Goal.objects.exists()


def test_confirm_creates_the_ticked_goals_and_actions_with_the_wins(signed_in, owner):
    text = FIXTURE.read_text(encoding="utf-8")
    response = signed_in.post(URL, {"document": text, "confirm": "1", "offer": ["7", "28"]})
    assert response.status_code == 302
    assert Win.objects.for_owner(owner).count() == 4
    assert [g.title for g in Goal.objects.for_owner(owner)] == ["Mentor one new engineer"]
    (action,) = DevelopmentAction.objects.for_owner(owner)
    assert (action.title, action.kind) == ("Write the on-call handbook", ActionKind.OTHER)
    follow = signed_in.get(response["Location"]).content.decode()
    assert "Imported 4 wins, 1 goal and 1 development action from your brag document." in follow


def test_an_offer_that_is_not_offered_writes_nothing(signed_in, owner):
    text = FIXTURE.read_text(encoding="utf-8")
    content = signed_in.post(
        URL, {"document": text, "confirm": "1", "offer": ["10"]}
    ).content.decode()
    assert "line 10: nothing there is offered as a goal or an action" in content
    assert not Win.objects.exists()


def test_an_uploaded_file_is_previewed_and_its_text_carried_to_the_confirmation(signed_in):
    upload = SimpleUploadedFile("brag.md", ("\ufeff" + DOC).encode(), "text/markdown")
    content = signed_in.post(URL, {"upload": upload}).content.decode()
    assert "Add 2 wins" in content
    assert 'type="hidden" name="document"' in content
    assert not Win.objects.exists()


def test_errors_quote_the_line_keep_the_text_and_write_nothing(signed_in):
    bad = "- orphan win\n## 2025\n- fine\n## 2026 Q7\n"
    content = signed_in.post(URL, {"document": bad, "confirm": "1"}).content.decode()
    assert "line 4: “## 2026 Q7”: cannot read the period: there is no Q7 in a year" in content
    assert "orphan win" in content
    assert not Win.objects.exists()


def test_a_refused_upload_keeps_its_text_in_the_box(signed_in):
    upload = SimpleUploadedFile(
        "brag.md", b"## 2025\n- [Feb 30, 2025] Shipped it\n", "text/markdown"
    )
    content = signed_in.post(URL, {"upload": upload}).content.decode()
    assert "cannot read the date: there is no 30 February 2025" in content
    assert "## 2025\n- [Feb 30, 2025] Shipped it\n</textarea>" in content
    assert not Win.objects.exists()


def test_a_file_that_is_not_text_is_refused(signed_in):
    upload = SimpleUploadedFile("brag.md", b"\xff\xfe\x00\x81", "text/markdown")
    content = signed_in.post(URL, {"upload": upload}).content.decode()
    assert "not UTF-8 text" in content
    assert not Win.objects.exists()


def test_nothing_given_is_a_clear_error(signed_in):
    content = signed_in.post(URL, {"document": "  "}).content.decode()
    assert "Paste your brag document or choose its file." in content


def test_an_import_lands_with_the_signed_in_owner_only(signed_in, owner, outsider):
    signed_in.post(URL, {"document": DOC, "confirm": "1"})
    assert Win.objects.for_owner(owner).count() == 2
    assert not Win.objects.for_owner(outsider).exists()


@pytest.mark.parametrize("wins", [2, 30])
def test_preview_query_count_is_fixed(signed_in, wins, django_assert_max_num_queries):
    doc = "## 2025\n" + "".join(f"- Win {n} — 10 %\n" for n in range(wins)) + "## Goals\n- Grow\n"
    with django_assert_max_num_queries(8):
        signed_in.post(URL, {"document": doc})


def test_the_preview_says_which_wins_are_already_in_the_record_and_why(signed_in):
    doc = "## 2025\n- Launched the partner programme\n- Cut churn\n"
    signed_in.post(URL, {"document": doc, "confirm": "1"})
    content = signed_in.post(URL, {"document": doc}).content.decode()
    assert "Every win in this document is already in your record." in content
    assert content.count("already in your record: skipped") == 2
    assert "The same date and title as <a href=" in content
    assert 'name="confirm"' not in content


def test_the_preview_shows_numbers_as_people_write_them(signed_in):
    doc = "## 2025\n- Cut cloud spend — $1.2M saved, 45.6 % less, 50K+ users\n"
    content = signed_in.post(URL, {"document": doc}).content.decode()
    assert '<span class="badge">$1.2M</span>' in content
    assert '<span class="badge">45.6 %</span>' in content
    assert '<span class="badge">50k+ users</span>' in content
