"""Private means private: a canary planted in every private field of the demo persona
appears in the owner's own full export, and in no narrative, page or export of one."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from wayfinder.advocacy.exports import export_html, export_markdown, export_pdf, pdf_available
from wayfinder.advocacy.models import Audience, Competency, LadderChoice
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.advocacy.narrative_services import narrative_create, narrative_regenerate
from wayfinder.advocacy.tests.test_narrative_assembly import ladder_for
from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.demo.persona import demo_create
from wayfinder.network.models import Person
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.reflection.models import JournalEntry, PrivateNote, PrivateNoteKind
from wayfinder.wins.models import Win

pytestmark = pytest.mark.slow


def _plant(owner) -> list[str]:
    """A unique canary in every private field of every row; returns them all."""
    canaries: list[str] = []

    def canary(where: str, pk: int) -> str:
        value = f"CANARY-{where}-{pk}-q7Zx"
        canaries.append(value)
        return value

    for model, where in (
        (Person, "person"),
        (Win, "win"),
        (DevelopmentConversation, "conversation"),
    ):
        for row in model.objects.for_owner(owner):
            row.private_notes = f"{row.private_notes} {canary(where, row.pk)}".strip()
            row.save(update_fields=["private_notes"])
    for entry in JournalEntry.objects.for_owner(owner).filter(is_private=True):
        entry.answer = f"{entry.answer} {canary('journal', entry.pk)}"
        entry.save(update_fields=["answer"])
    notes = PrivateNote.objects.for_owner(owner)
    assert notes.filter(kind=PrivateNoteKind.BACKUP_PLAN).exists()
    for note in notes:
        note.title = f"{note.title[:150]} {canary('note-title', note.pk)}"
        note.body = f"{note.body} {canary(f'{note.kind}-body', note.pk)}"
        note.save(update_fields=["title", "body"])
    return canaries


@pytest.fixture
def planted(db, today):
    owner = demo_create(today=today, username="canary")
    canaries = _plant(owner)
    # A ladder with demo wins as evidence, so every section of the narrative is written.
    if not LadderChoice.objects.for_owner(owner).exists():
        comps = list(ladder_for(owner).values())
        for n, win in enumerate(Win.objects.for_owner(owner).order_by("id")):
            comps[n % 2].wins.add(win)
    assert Competency.objects.for_owner(owner).filter(wins__isnull=False).exists()
    return owner, canaries


def _leaks(text: str, canaries: list[str]) -> list[str]:
    return [c for c in canaries if c in text]


def _narratives(owner, today):
    start = today - dt.timedelta(days=3 * 365)
    return [
        narrative_create(
            owner=owner, audience=audience, period_start=start, period_end=today, today=today
        )
        for audience in Audience.values
    ]


def test_canaries_are_planted_in_every_private_field_and_in_the_owners_export(planted):
    owner, canaries = planted

    full = export_text(owner_export(owner=owner))

    assert len(canaries) >= 10
    assert {c.split("-")[1] for c in canaries} >= {
        "person",
        "win",
        "conversation",
        "journal",
        "note",
        "backup_plan",
    }
    assert _leaks(full, canaries) == canaries


def test_no_narrative_or_export_contains_a_canary(planted, today):
    owner, canaries = planted

    for narrative in _narratives(owner, today):
        version = narrative_regenerate(owner=owner, narrative=narrative, today=today)
        draft = narrative_assemble(
            owner=owner,
            audience=narrative.audience,
            start=narrative.period_start,
            end=narrative.period_end,
            today=today,
        )
        markdown, html = export_markdown(version), export_html(version)
        for text in (narrative_markdown(draft), markdown, html, narrative.title):
            assert _leaks(text, canaries) == []
        # Proof the exports carry the record: the demo's strongest win is in them.
        assert draft.wins and draft.wins[0].title.split()[0] in html


def test_no_narrative_page_contains_a_canary(planted, client, today):
    owner, canaries = planted
    client.force_login(owner.user)
    narrative = _narratives(owner, today)[1]

    pages = [
        reverse("advocacy:narratives"),
        reverse("advocacy:narrative", args=[narrative.pk]),
        reverse("advocacy:narrative-version", args=[narrative.pk, 1]),
        reverse("advocacy:narrative-export", args=[narrative.pk, "md"]),
        reverse("advocacy:narrative-export", args=[narrative.pk, "html"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response.content.decode(), canaries) == [], url


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "narrative.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode()


def test_no_pdf_contains_a_canary(planted, today, tmp_path, require_service):
    require_service(
        "weasyprint",
        pdf_available() and shutil.which("pdftotext"),
        "the PDF canary test needs WeasyPrint (wayfinder[pdf]) and pdftotext (poppler-utils)",
    )
    owner, canaries = planted

    for narrative in _narratives(owner, today):
        version = narrative.versions.get()
        text = _pdf_text(export_pdf(version), tmp_path)
        # Without whitespace, a canary broken over two lines is still found.
        assert _leaks("".join(text.split()), canaries) == []
        # Proof the extraction reads the document: its title is in the text.
        assert "".join(narrative.title.split()) in "".join(text.split())
