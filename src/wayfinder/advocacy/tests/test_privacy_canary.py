"""Private means private: a canary planted in every private field and every private record
that the privacy registry (core/privacy.py) names appears in the owner's own full export,
and in nothing made for someone else: the narrative, its pages and exports, the agenda and
the conversation export, resume.json, `today` and the digest.

The canaries are planted by walking the registry, so a newly declared private field or
record is covered without editing this file."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from django.db import models
from django.urls import reverse

from wayfinder.advocacy.exports import export_html, export_markdown, export_pdf, pdf_available
from wayfinder.advocacy.models import Audience, Competency, LadderChoice
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.advocacy.narrative_services import narrative_create, narrative_regenerate
from wayfinder.advocacy.tests.test_narrative_assembly import ladder_for
from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.core.privacy import Private, declarations, outward
from wayfinder.demo.persona import demo_create
from wayfinder.guidance.digest import digest_compose
from wayfinder.guidance.report import report_for
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.resume import resume_build
from wayfinder.reflection.models import PrivateNote, PrivateNoteKind
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.slow

MARK = "q7Zx"


def _record_text_fields(model: type[models.Model]) -> list[models.Field]:
    """The free text of a private record: every text column that is not a choice."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def _with_canary(field: models.Field, value: str, canary: str) -> str:
    if field.max_length:
        value = value[: field.max_length - len(canary) - 1]
    return f"{value} {canary}".strip()


def _plant(owner) -> list[str]:
    """A unique canary in every private field of every row and in every text field of every
    private record, as the registry names them; returns them all."""
    canaries: list[str] = []
    for model, declared in declarations().items():
        for row in model.objects.for_owner(owner):
            private_record = declared.is_private_record(row)
            fields = (
                _record_text_fields(model)
                if private_record
                else [model._meta.get_field(name) for name in declared.fields]
            )
            for field in fields:
                canary = f"CANARY-{model._meta.model_name}-{field.attname}-{row.pk}-{MARK}"
                canaries.append(canary)
                setattr(
                    row, field.attname, _with_canary(field, getattr(row, field.attname), canary)
                )
            if fields:
                row.save(update_fields=[field.attname for field in fields])
    return canaries


def _planted_where(canaries: list[str]) -> set[tuple[str, str]]:
    return {tuple(c.split("-")[1:3]) for c in canaries}


def _expected_where() -> set[tuple[str, str]]:
    """Every declared private field, and every text field of a kind of private record."""
    where = set()
    for model, declared in declarations().items():
        name = model._meta.model_name
        where |= {(name, field) for field in declared.fields}
        if declared.every_record or declared.record_flag:
            where |= {(name, field.attname) for field in _record_text_fields(model)}
    return where


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

    assert _planted_where(canaries) == _expected_where()
    assert {"win", "person", "developmentconversation", "journalentry", "privatenote"} <= {
        name for name, _ in _expected_where()
    }
    backup_plan = PrivateNote.objects.for_owner(owner).get(kind=PrivateNoteKind.BACKUP_PLAN)
    assert MARK in backup_plan.body and MARK in backup_plan.title
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


def test_no_agenda_or_conversation_export_contains_a_canary(planted, client, today):
    owner, canaries = planted
    client.force_login(owner.user)
    conversations = list(DevelopmentConversation.objects.for_owner(owner))
    assert any(c.status == ConversationStatus.HELD for c in conversations)

    drafts = [agenda_draft(owner=owner, today=today)]
    drafts += [
        agenda_draft(owner=owner, today=today, conversation=c)
        for c in conversations
        if c.status == ConversationStatus.PLANNED
    ]
    for draft in drafts:
        text = agenda_markdown(draft)
        assert _leaks(text, canaries) == []
        assert draft.wins or draft.completed  # the agenda tells the record
    for conversation in conversations:
        response = client.get(reverse("conversations:conversation-export", args=[conversation.pk]))
        assert response.status_code == 200
        assert _leaks(response.content.decode(), canaries) == []


def test_resume_json_contains_no_canary(planted, client, today):
    owner, canaries = planted
    client.force_login(owner.user)

    document = json.dumps(resume_build(owner=owner, today=today), ensure_ascii=False)
    response = client.get(reverse("portability:resume-json"))

    assert response.status_code == 200
    assert _leaks(document, canaries) == _leaks(response.content.decode(), canaries) == []
    assert json.loads(document)["work"][0]["highlights"]


def test_today_and_the_digest_contain_no_canary(planted, today):
    owner, canaries = planted

    report = report_for(owner=owner, today=today)
    digest = digest_compose(report=report, base_url="https://wayfinder.example")

    for text in (
        report.as_text(),
        json.dumps(report.as_dict(), ensure_ascii=False),
        digest.subject,
        digest.text,
        digest.html,
    ):
        assert _leaks(text, canaries) == []
    assert report.week or report.nudges  # the report tells the record


def test_a_newly_declared_private_field_is_planted_and_projected(db, owner, monkeypatch):
    """Declaring a field private is all it takes: the canary plants in it, and the
    projection no longer lets it be read."""
    WinFactory(owner=owner, situation="The board asked for it.")
    monkeypatch.setattr(Win, "privacy", Private(fields=("private_notes", "situation")))

    canaries = _plant(owner)

    assert _planted_where(canaries) == {("win", "private_notes"), ("win", "situation")}
    assert ("win", "situation") in _expected_where()
    win = outward(Win.objects.for_owner(owner)).get()
    assert "situation" not in vars(win)
