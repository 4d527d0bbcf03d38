"""The narrative pages: create, edit, versions, regenerate, exports, delete; owners only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.advocacy.models import Audience, Narrative
from wayfinder.advocacy.narrative_services import narrative_create
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def make(owner, today, audience=Audience.MANAGER):
    return narrative_create(
        owner=owner,
        audience=audience,
        period_start=dt.date(2026, 1, 1),
        period_end=today,
        today=today,
    )


def test_empty_state_explains_and_offers_the_form(signed_in):
    content = signed_in.get(reverse("advocacy:narratives")).content.decode()
    assert "Make your case, from your record" in content
    assert "Draft it from my record" in content


def test_draft_a_narrative_then_edit_it(signed_in, owner, today):
    WinFactory(owner=owner, title="Shipped billing v2")
    response = signed_in.post(
        reverse("advocacy:narratives"),
        {"audience": "committee", "period_start": "2026-01-01", "period_end": "2026-11-23"},
    )
    narrative = Narrative.objects.for_owner(owner).get()
    assert response["Location"] == reverse("advocacy:narrative", args=[narrative.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert "Shipped billing v2" in page and "Version 1" in page

    response = signed_in.post(
        response["Location"], {"body": "# In my words\n\nShipped billing.", "note": "voice"}
    )
    assert response.status_code == 302
    assert narrative.versions.count() == 2
    version = signed_in.get(reverse("advocacy:narrative-version", args=[narrative.pk, 2]))
    assert "<h1>In my words</h1>" in version.content.decode()


def test_bad_period_and_unchanged_edit_re_render_with_the_text_kept(signed_in, owner, today):
    response = signed_in.post(
        reverse("advocacy:narratives"),
        {
            "audience": "sponsor",
            "period_start": "2026-11-01",
            "period_end": "2026-01-01",
            "title": "Keep this title",
        },
    )
    content = response.content.decode()
    assert "The period has to end on or after its start." in content
    assert "Keep this title" in content
    assert not Narrative.objects.for_owner(owner).exists()

    narrative = make(owner, today)
    body = narrative.versions.get().body
    response = signed_in.post(reverse("advocacy:narrative", args=[narrative.pk]), {"body": body})
    assert "Nothing changed since version 1." in response.content.decode()
    assert narrative.versions.count() == 1


def test_regenerate_makes_a_new_version(signed_in, owner, today):
    narrative = make(owner, today)
    WinFactory(owner=owner, title="Late addition")

    response = signed_in.post(reverse("advocacy:narrative-regenerate", args=[narrative.pk]))

    assert response.status_code == 302
    assert "Late addition" in narrative.versions.get(number=2).body
    assert (
        signed_in.get(reverse("advocacy:narrative-regenerate", args=[narrative.pk])).status_code
        == 405
    )


def test_exports(signed_in, owner, today):
    narrative = make(owner, today)
    signed_in.post(reverse("advocacy:narrative", args=[narrative.pk]), {"body": "# Two <b>x</b>"})
    url = reverse("advocacy:narrative-export", args=[narrative.pk, "md"])

    md = signed_in.get(url)
    assert md["Content-Type"].startswith("text/markdown")
    assert "attachment" in md["Content-Disposition"] and "-v2.md" in md["Content-Disposition"]
    assert md.content.decode() == "# Two <b>x</b>\n"
    first = signed_in.get(url, {"v": "1"}).content.decode()
    assert first.startswith("# ")
    assert signed_in.get(url, {"v": "7"}).status_code == 404

    html = signed_in.get(reverse("advocacy:narrative-export", args=[narrative.pk, "html"]))
    assert "&lt;b&gt;x&lt;/b&gt;" in html.content.decode()
    assert html["Content-Security-Policy"].startswith("default-src 'none'")
    other = reverse("advocacy:narrative-export", args=[narrative.pk, "docx"])
    assert signed_in.get(other).status_code == 404


def test_an_old_pdf_link_without_weasyprint_lands_on_the_page_with_the_way_to_enable_it(
    signed_in, owner, today, monkeypatch
):
    narrative = make(owner, today)
    url = reverse("advocacy:narrative-export", args=[narrative.pk, "pdf"])
    from wayfinder.advocacy import exports

    def missing(version):
        raise exports.PdfUnavailable(exports.PDF_HOW_TO_ENABLE)

    monkeypatch.setattr("wayfinder.advocacy.views.narrative.export_pdf", missing)
    monkeypatch.setattr("wayfinder.advocacy.views.narrative.pdf_available", lambda: False)
    response = signed_in.get(url, follow=True)
    assert response.redirect_chain == [(reverse("advocacy:narrative", args=[narrative.pk]), 302)]
    content = response.content.decode()
    assert "wayfinder[pdf]" in content and "libpango-1.0-0" in content


@pytest.mark.parametrize("page", ["narrative", "narrative-version"])
def test_download_pdf_shows_only_when_weasyprint_can_run(
    signed_in, owner, today, monkeypatch, page
):
    narrative = make(owner, today)
    args = [narrative.pk] if page == "narrative" else [narrative.pk, 1]
    url = reverse(f"advocacy:{page}", args=args)
    pdf_link = reverse("advocacy:narrative-export", args=[narrative.pk, "pdf"])

    monkeypatch.setattr("wayfinder.advocacy.views.narrative.pdf_available", lambda: True)
    present = signed_in.get(url).content.decode()
    assert "Download PDF" in present and pdf_link in present
    assert "pip install" not in present

    monkeypatch.setattr("wayfinder.advocacy.views.narrative.pdf_available", lambda: False)
    absent = signed_in.get(url).content.decode()
    assert "Download PDF" not in absent and pdf_link not in absent
    assert "pip install 'wayfinder[pdf]'" in absent
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in absent


def test_delete_asks_then_deletes(signed_in, owner, today):
    narrative = make(owner, today)
    url = reverse("advocacy:narrative-delete", args=[narrative.pk])
    assert "Delete this narrative?" in signed_in.get(url).content.decode()
    assert signed_in.post(url)["Location"] == reverse("advocacy:narratives")
    assert not Narrative.objects.for_owner(owner).exists()


@pytest.mark.parametrize(
    ("name", "extra", "method"),
    [
        ("narrative", [], "get"),
        ("narrative", [], "post"),
        ("narrative-version", [1], "get"),
        ("narrative-regenerate", [], "post"),
        ("narrative-delete", [], "get"),
        ("narrative-delete", [], "post"),
        ("narrative-export", ["md"], "get"),
        ("narrative-export", ["html"], "get"),
        ("narrative-export", ["pdf"], "get"),
    ],
)
def test_another_owners_narrative_is_a_404(client, outsider, owner, today, name, extra, method):
    narrative = make(owner, today)
    client.force_login(outsider.user)

    url = reverse(f"advocacy:{name}", args=[narrative.pk, *extra])
    response = getattr(client, method)(url, {"body": "hijack"} if method == "post" else {})

    assert response.status_code == 404
    assert narrative.versions.count() == 1 and Narrative.objects.filter(pk=narrative.pk).exists()


def test_query_counts_do_not_grow_with_the_record(
    signed_in, owner, today, django_assert_max_num_queries
):
    for size in (2, 10):
        for _ in range(size):
            ImpactMetricFactory(owner=owner, win=WinFactory(owner=owner))
            make(owner, today)
        narrative = Narrative.objects.for_owner(owner).first()
        with django_assert_max_num_queries(14):
            signed_in.get(reverse("advocacy:narratives"))
        with django_assert_max_num_queries(14):
            signed_in.get(reverse("advocacy:narrative", args=[narrative.pk]))
