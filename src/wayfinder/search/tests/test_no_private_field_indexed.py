"""Search snippets show no private field: the registry decides, and a document that would
index a private field fails Django's system checks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core import checks

from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.search.documents import BY_KIND, DOCUMENTS, private_field_problems
from wayfinder.search.selectors import search
from wayfinder.wins.tests.factories import WinFactory


def test_no_search_document_indexes_a_private_field():
    assert private_field_problems() == []
    assert not [m for m in checks.run_checks() if m.id == "search.E001"]


def test_a_document_indexing_a_private_field_is_refused(monkeypatch):
    leaky = replace(BY_KIND["win"], body=(*BY_KIND["win"].body, "private_notes"))
    documents = tuple(leaky if d.kind == "win" else d for d in DOCUMENTS)

    assert private_field_problems(documents) == [
        "the search index of wins.Win indexes private private_notes"
    ]
    monkeypatch.setattr("wayfinder.search.documents.DOCUMENTS", documents)
    found = [m for m in checks.run_checks() if m.id == "search.E001"]
    assert [m.msg for m in found] == private_field_problems(documents)


@pytest.mark.django_db
def test_private_records_are_marked_by_the_registry(owner):
    JournalEntryFactory(owner=owner, answer="Harbour thoughts", is_private=True)
    JournalEntryFactory(owner=owner, answer="Harbour walk")
    PrivateNoteFactory(owner=owner, title="Harbour plan", body="")
    WinFactory(owner=owner, title="Harbour launch", private_notes="")

    marks = {(hit.label, hit.is_private) for hit in search(owner=owner, text="harbour")}

    assert marks == {
        ("Private journal entry", True),
        ("Journal", False),
        ("Private note", True),
        ("Win", False),
    }
