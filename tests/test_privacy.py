"""The privacy registry and its projection (core/privacy.py): what is declared private
cannot be read through the projection, and nothing private goes undeclared."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.apps import apps
from django.db import models

from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.conversations.agenda import agenda_draft, conversation_markdown
from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.privacy import (
    Private,
    PrivateDataError,
    declarations,
    is_private_record,
    is_sealed,
    outward,
    outward_fields,
    outward_reader,
    outward_reading,
    seal,
)
from wayfinder.guidance.report import report_for
from wayfinder.network.models import Person
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import DevelopmentAction
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.portability.resume import resume_build
from wayfinder.reflection.models import JournalEntry, PrivateNote
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.wins.models import Win, WinAudience
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


def test_the_registry_names_every_private_field_and_record():
    assert declarations() == {
        Win: Private(fields=("private_notes",)),
        Person: Private(fields=("private_notes",)),
        DevelopmentConversation: Private(fields=("private_notes",)),
        JournalEntry: Private(record_flag="is_private"),
        PrivateNote: Private(every_record=True),
    }


def _looks_private(field: models.Field) -> bool:
    words = f"{field.name} {field.help_text}".lower()
    return "private" in words or "only you see" in words


def test_every_field_that_looks_private_is_declared():
    """The rule that catches a forgotten declaration: a field named or described as
    private is a declared private field, the flag of private records, or on a model whose
    every row is private."""
    undeclared = []
    for model in apps.get_models():
        if not model.__module__.startswith("wayfinder."):
            continue
        declared = getattr(model, "privacy", None) or Private()
        for field in model._meta.concrete_fields:
            covered = (
                declared.every_record
                or field.attname in declared.fields
                or field.name == declared.record_flag
            )
            if _looks_private(field) and not covered:
                undeclared.append(f"{model._meta.label}.{field.name}")
        if model.__name__.lower().startswith("private") and not declared.every_record:
            undeclared.append(model._meta.label)
    assert undeclared == []


def test_outward_fields_are_the_allow_list(owner):
    assert "private_notes" not in outward_fields(Win)
    assert {"title", "result", "action", "situation"} <= set(outward_fields(Win))
    assert outward_fields(PrivateNote) == ()
    assert "answer" in outward_fields(JournalEntry)


def test_outward_leaves_out_private_records(owner):
    shown = JournalEntryFactory(owner=owner)
    JournalEntryFactory(owner=owner, is_private=True)
    PrivateNoteFactory(owner=owner)

    assert list(outward(JournalEntry.objects.for_owner(owner))) == [shown]
    assert list(outward(PrivateNote.objects.for_owner(owner))) == []
    assert outward(PrivateNote.objects.for_owner(owner)).count() == 0


def test_a_projected_private_field_cannot_be_read_not_even_by_loading_it(
    owner, django_assert_num_queries
):
    WinFactory(owner=owner, private_notes="between us")

    win = outward(Win.objects.for_owner(owner)).get()

    assert is_sealed(win)
    assert "between us" not in str(vars(win))
    with django_assert_num_queries(0), pytest.raises(PrivateDataError):
        win.private_notes  # noqa: B018
    assert win.title.startswith("Win")


def test_the_projection_survives_chaining_and_refuses_values_of_private_fields(owner):
    WinFactory(owner=owner, private_notes="between us")
    projected = outward(Win.objects.for_owner(owner)).filter(title__startswith="Win")

    with pytest.raises(PrivateDataError):
        projected.order_by("id").values_list("private_notes", flat=True)
    with pytest.raises(PrivateDataError):
        projected.values()
    assert list(projected.values_list("title", flat=True)) == [Win.objects.get().title]
    assert all(is_sealed(win) for win in projected.only("title", "private_notes"))
    assert all(is_sealed(win) for win in projected.iterator())


def test_joined_and_lazily_loaded_relations_are_sealed_too(owner):
    person = PersonFactory(owner=owner, private_notes="may be conflicted")
    WinAudienceFactory(owner=owner, person=person, win=WinFactory(owner=owner, private_notes="x"))

    entry = outward(WinAudience.objects.for_owner(owner).select_related("person")).get()
    with pytest.raises(PrivateDataError):
        entry.person.private_notes  # noqa: B018

    with outward_reading():
        lazy = WinAudience.objects.for_owner(owner).get()
        win = lazy.win  # not joined: loaded on access, inside the reading
    with pytest.raises(PrivateDataError):
        win.private_notes  # noqa: B018

    prefetched = outward(Win.objects.for_owner(owner).prefetch_related("audience__person"))
    people = [a.person for w in prefetched for a in w.audience.all()]
    assert people and all(is_sealed(p) for p in people)


def test_a_private_record_loaded_in_an_outward_reader_is_refused(owner):
    PrivateNoteFactory(owner=owner)

    @outward_reader
    def leaky_reader():
        return list(PrivateNote.objects.for_owner(owner))

    with pytest.raises(PrivateDataError):
        leaky_reader()
    assert len(list(PrivateNote.objects.for_owner(owner))) == 1  # the owner's own read


def test_sealing_in_place_and_saving_a_sealed_row_keeps_its_private_field(owner):
    win = WinFactory(owner=owner, private_notes="between us")
    entry = JournalEntryFactory(owner=owner, is_private=True)

    seal(win)
    win.title = "Renamed"
    win.save()

    assert Win.objects.get().private_notes == "between us"
    assert is_private_record(entry) and not is_private_record(win)
    with pytest.raises(PrivateDataError):
        seal(entry)


def test_outside_an_outward_reading_the_owner_reads_everything(owner):
    WinFactory(owner=owner, private_notes="between us")

    win = Win.objects.for_owner(owner).defer("private_notes").get()

    assert not is_sealed(win)
    assert win.private_notes == "between us"


def _declare(monkeypatch, model, *fields: str) -> None:
    declared = model.privacy or Private()
    monkeypatch.setattr(model, "privacy", replace(declared, fields=(*declared.fields, *fields)))


def test_every_outward_reader_reads_through_the_projection(owner, today, monkeypatch):
    """Declare a field the readers show private, and none of them can read it any more:
    each builds from the projection, not from the raw record."""
    WinFactory(owner=owner, title="Launched", result="Pipeline up 30 %")
    DevelopmentActionFactory(owner=owner, title="Overdue", due_on=today - dt.timedelta(days=3))
    conversation = DevelopmentConversationFactory(owner=owner, notes="Agreed a stretch goal.")
    readers = {
        "resume.json": lambda: resume_build(owner=owner, today=today),
        "the agenda": lambda: agenda_draft(owner=owner, today=today),
        "the narrative": lambda: narrative_markdown(
            narrative_assemble(
                owner=owner,
                audience=Audience.MANAGER,
                start=today - dt.timedelta(days=365),
                end=today,
                today=today,
            )
        ),
        "today": lambda: report_for(owner=owner, today=today).as_text(),
        "the conversation export": lambda: conversation_markdown(
            DevelopmentConversation.objects.get(pk=conversation.pk)
        ),
    }
    shown = {name: str(read()) for name, read in readers.items()}
    assert "Pipeline up 30 %" in shown["resume.json"] and "Overdue" in shown["today"]

    _declare(monkeypatch, Win, "result")
    _declare(monkeypatch, DevelopmentAction, "title")
    _declare(monkeypatch, DevelopmentConversation, "notes")

    refused = []
    for name, read in readers.items():
        try:
            read()
        except PrivateDataError:
            refused.append(name)
    assert refused == list(readers)
