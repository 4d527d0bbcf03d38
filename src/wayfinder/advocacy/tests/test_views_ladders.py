"""Ladder pages: import a sample or a file, choose levels, tag wins; outsiders get 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.models import Ladder, LadderChoice
from wayfinder.advocacy.services import ladder_import
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_offers_the_samples(signed_in):
    content = signed_in.get(reverse("advocacy:ladders")).content.decode()
    assert "what each level expects" in content
    assert "Software engineering" in content
    assert reverse("advocacy:ladder-guide") in content


def test_import_a_sample_then_choose_levels(signed_in, owner):
    response = signed_in.post(reverse("advocacy:ladder-sample"), {"sample": "marketing"})
    ladder = Ladder.objects.for_owner(owner).get()
    assert response["Location"] == reverse("advocacy:ladder", args=[ladder.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert "Sets positioning against competitors" in page
    m5, m6 = ladder.levels.get(code="M5"), ladder.levels.get(code="M6")
    signed_in.post(response["Location"], {"current_level": m5.pk, "target_level": m6.pk})
    choice = LadderChoice.objects.for_owner(owner).get()
    assert (choice.current_level, choice.target_level) == (m5, m6)
    # The same sample twice is refused in words, nothing written.
    again = signed_in.post(reverse("advocacy:ladder-sample"), {"sample": "marketing"})
    assert again.status_code == 400
    assert "already have a ladder named" in again.content.decode()
    assert Ladder.objects.for_owner(owner).count() == 1


def test_a_target_below_the_current_level_is_refused(signed_in, owner):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    m5, m6 = ladder.levels.get(code="M5"), ladder.levels.get(code="M6")
    url = reverse("advocacy:ladder", args=[ladder.pk])
    response = signed_in.post(url, {"current_level": m6.pk, "target_level": m5.pk})
    assert "cannot be below" in response.content.decode()
    assert not LadderChoice.objects.for_owner(owner).exists()


def test_upload_a_bad_yaml_file_names_the_line(signed_in, owner):
    raw = b"name: Mine\nlevels:\n  - name: A\ncompetencies: []\n"
    upload = SimpleUploadedFile("mine.yaml", raw)
    response = signed_in.post(reverse("advocacy:ladder-upload"), {"file": upload})
    assert response.status_code == 400
    assert "mine.yaml: line 3, levels[0]: missing key &#x27;code&#x27;" in (
        response.content.decode()
    )
    assert not Ladder.objects.for_owner(owner).exists()


def test_upload_a_csv_file_named_from_the_form(signed_in, owner):
    csv = b"level,level_name,competency,competency_name,expectation\nA,First,x,X,Do x.\n"
    upload = SimpleUploadedFile("sheet.csv", csv)
    response = signed_in.post(
        reverse("advocacy:ladder-upload"), {"file": upload, "name": "Our ladder"}
    )
    ladder = Ladder.objects.for_owner(owner).get()
    assert response.status_code == 302
    assert (ladder.name, ladder.source) == ("Our ladder", "sheet.csv")


def test_delete_a_ladder_with_its_choice(signed_in, owner):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    signed_in.post(
        reverse("advocacy:ladder", args=[ladder.pk]),
        {"current_level": ladder.levels.first().pk, "target_level": ""},
    )
    url = reverse("advocacy:ladder-delete", args=[ladder.pk])
    assert "Delete this ladder?" in signed_in.get(url).content.decode()
    signed_in.post(url)
    assert not Ladder.objects.for_owner(owner).exists()
    assert not LadderChoice.objects.for_owner(owner).exists()


def test_tag_a_win_with_competencies(signed_in, owner):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    signed_in.post(reverse("advocacy:ladder", args=[ladder.pk]), {})
    win = WinFactory(owner=owner)
    demand = ladder.competencies.get(key="demand")
    url = reverse("advocacy:win-competencies", args=[win.pk])
    assert "Demand and growth" in signed_in.get(url).content.decode()
    response = signed_in.post(url, {"competencies": [demand.pk]})
    assert response["Location"] == win.get_absolute_url()
    assert list(win.competencies.all()) == [demand]
    assert reverse("advocacy:win-competencies", args=[win.pk]) in (
        signed_in.get(win.get_absolute_url()).content.decode()
    )


def test_another_owners_ladder_and_win_are_404(signed_in, owner, outsider):
    ladder = ladder_import(owner=outsider, spec=ladder_sample("marketing"))
    win = WinFactory(owner=outsider)
    level = ladder.levels.first()
    for url in (
        reverse("advocacy:ladder", args=[ladder.pk]),
        reverse("advocacy:ladder-delete", args=[ladder.pk]),
        reverse("advocacy:win-competencies", args=[win.pk]),
    ):
        assert signed_in.get(url).status_code == 404
        assert signed_in.post(url, {"current_level": level.pk}).status_code == 404
    assert Ladder.objects.for_owner(outsider).exists()
    assert not LadderChoice.objects.exists()


@pytest.mark.parametrize("extra", [0, 2])
def test_ladder_pages_query_counts_do_not_grow(
    signed_in, owner, extra, django_assert_max_num_queries
):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    for key in ("software-engineering", "product-management")[:extra]:
        ladder_import(owner=owner, spec=ladder_sample(key))
    with django_assert_max_num_queries(12):
        signed_in.get(reverse("advocacy:ladders"))
    with django_assert_max_num_queries(14):
        signed_in.get(reverse("advocacy:ladder", args=[ladder.pk]))
