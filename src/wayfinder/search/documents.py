"""What search finds: each kind of record, its title and the text searched in it.

On SQLite an FTS5 table `search_entry` is kept current by triggers (installed by this
app's migrations), so a row written by any path — the ORM, quick capture, an import — is
indexed the same way. On PostgreSQL the same fields are searched with full-text search.

Which records are private comes from the privacy registry (core/privacy.py), and no
private field is ever indexed, so no snippet can show one: `private_field_problems` (a
system check) refuses a document that would index one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from wayfinder.core.privacy import is_private_record, private_fields


@dataclass(frozen=True)
class Document:
    kind: str
    code: int  # rowid in the FTS table = id * 8 + code, so updates touch one row
    table: str
    model: str  # "app_label.ModelName"
    title: str  # the column shown as the hit's title
    body: tuple[str, ...]  # text columns searched besides the title
    label: str
    private_label: str = ""  # the label of a private record, where it differs

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns searched, title first."""
        return (self.title, *self.body)

    def label_for(self, record: models.Model) -> str:
        if self.private_label and is_private_record(record):
            return self.private_label
        return self.label


DOCUMENTS: tuple[Document, ...] = (
    Document("win", 1, "wins_win", "wins.Win", "title", ("situation", "action", "result"), "Win"),
    Document(
        "person",
        2,
        "network_person",
        "network.Person",
        "name",
        ("title", "organisation", "function", "notes"),
        "Person",
    ),
    Document(
        "interaction",
        3,
        "network_interaction",
        "network.Interaction",
        "kind",
        ("notes", "follow_ups"),
        "Interaction",
    ),
    Document(
        "conversation",
        4,
        "conversations_developmentconversation",
        "conversations.DevelopmentConversation",
        "agenda",
        ("notes",),
        "Development conversation",
    ),
    Document(
        "journal",
        5,
        "reflection_journalentry",
        "reflection.JournalEntry",
        "question",
        ("answer",),
        "Journal",
        private_label="Private journal entry",
    ),
    Document(
        "note",
        6,
        "reflection_privatenote",
        "reflection.PrivateNote",
        "title",
        ("body",),
        "Private note",
    ),
)

ROWID_STRIDE = 8
BY_CODE = {document.code: document for document in DOCUMENTS}
BY_KIND = {document.kind: document for document in DOCUMENTS}


def private_field_problems(documents: tuple[Document, ...] | None = None) -> list[str]:
    """The private fields (by the registry) that a document would index: none may be."""
    problems = []
    for document in DOCUMENTS if documents is None else documents:
        hidden = private_fields(apps.get_model(document.model))
        for column in sorted(hidden.intersection((document.title, *document.body))):
            problems.append(f"the search index of {document.model} indexes private {column}")
    return problems
