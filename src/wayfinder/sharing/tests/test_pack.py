"""The share pack: one self-contained file of the chosen sections, from the page and from
`wayfinder share pack`, with its date and "valid until" printed, and nothing private."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils.html import escape

from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing import pack
from wayfinder.sharing.models import SectionKey
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

PRIVATE = "canary-private-5f1c"


@pytest.fixture
def record(owner):
    DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    WinFactory(owner=owner, title="Closed the Acme renewal", private_notes=PRIVATE)
    return owner


def _pack(owner, today, sections, **extra):
    share = pack.pack_share(
        owner=owner,
        sections=sections,
        valid_until=dt.date(2027, 3, 31),
        today=today,
        **extra,
    )
    return pack.pack_html(share=share, today=today)


def assert_self_contained(html: str) -> None:
    lowered = html.lower()
    for remote in ("<script", "<link", "@import", "url(", "<iframe", "<object", "<embed"):
        assert remote not in lowered, remote
    assert not re.search(r"""\b(src|href|action)\s*=\s*["']?(https?:)?//""", lowered)
    assert not re.search(r"""\bhref\s*=\s*["']?/""", lowered), "a link into the instance"
    assert "<form" not in lowered
    assert "{#" not in html and "{%" not in html  # no template comment shown as text
    assert f'content="{escape(pack.PACK_CSP)}"' in html


def test_every_section_in_a_pack_is_self_contained(record, today):
    assert_self_contained(_pack(record, today, list(SectionKey.values)))


def test_a_pack_holds_the_chosen_sections_its_date_and_valid_until(record, today):
    html = _pack(record, today, [SectionKey.PLAN, SectionKey.WINS])
    assert "Present Q3 to the CRO" in html and "Closed the Acme renewal" in html
    assert "Made on 23 Nov 2026" in html and "valid until 31 Mar 2027" in html
    assert PRIVATE not in html
    assert_self_contained(html)


def test_a_pack_leaves_out_the_sections_not_chosen(record, today):
    html = _pack(record, today, [SectionKey.PLAN])
    assert "Present Q3 to the CRO" in html
    assert "Closed the Acme renewal" not in html


def test_a_pack_holds_only_the_conversations_with_the_person_it_is_for(owner, today):
    rob = PersonFactory(owner=owner, name="Rob Patel")
    other = PersonFactory(owner=owner, name="Someone Else")
    DevelopmentConversationFactory(owner=owner, supervisor=rob, agenda="Talk about the Q3 deck")
    DevelopmentConversationFactory(owner=owner, supervisor=other, agenda="Not for Rob at all")
    html = _pack(owner, today, [SectionKey.CONVERSATIONS], person=rob)
    assert "Talk about the Q3 deck" in html
    assert "Not for Rob at all" not in html and "Someone Else" not in html


@pytest.mark.parametrize(
    ("sections", "extra", "message"),
    [
        (["plan", "salary"], {}, "unknown section"),
        ([], {}, "at least one section"),
        (
            ["plan"],
            {"period_start": dt.date(2026, 6, 1), "period_end": dt.date(2026, 1, 1)},
            "ends before",
        ),
    ],
)
def test_a_pack_asked_wrongly_is_refused_with_a_sentence(owner, today, sections, extra, message):
    with pytest.raises(pack.PackError, match=message):
        pack.pack_share(
            owner=owner, sections=sections, valid_until=dt.date(2027, 1, 1), today=today, **extra
        )


def test_a_pack_already_out_of_date_is_refused(owner, today):
    with pytest.raises(pack.PackError, match="out of date"):
        pack.pack_share(
            owner=owner, sections=["plan"], valid_until=dt.date(2026, 1, 1), today=today
        )


def test_a_pdf_pack_when_weasyprint_is_there(record, today):
    if not pack.pdf_available():
        pytest.skip("WeasyPrint is not installed")
    share = pack.pack_share(
        owner=record, sections=["plan"], valid_until=dt.date(2027, 3, 31), today=today
    )
    assert pack.pack_pdf(share=share, today=today).startswith(b"%PDF")
