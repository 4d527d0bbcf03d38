"""What search finds: each kind of record, its title and the text searched in it.

On SQLite an FTS5 table `search_entry` is kept current by triggers (installed by this
app's migrations), so a row written by any path — the ORM, quick capture, an import — is
indexed the same way. On PostgreSQL the same fields are searched with full-text search.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    kind: str
    code: int  # rowid in the FTS table = id * 8 + code, so updates touch one row
    table: str
    model: str  # "app_label.ModelName"
    title: str  # the column shown as the hit's title
    body: tuple[str, ...]  # text columns searched besides the title
    label: str
    # Which records are private, marked so in results: all of them, or those with this flag.
    always_private: bool = False
    private_flag: str = ""
    private_label: str = ""  # the label of a record that is private by its flag

    def is_private(self, record: object) -> bool:
        return self.always_private or bool(self.private_flag and getattr(record, self.private_flag))

    def label_for(self, record: object) -> str:
        if self.private_flag and self.is_private(record):
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
        private_flag="is_private",
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
        always_private=True,
    ),
)

ROWID_STRIDE = 8
BY_CODE = {document.code: document for document in DOCUMENTS}
BY_KIND = {document.kind: document for document in DOCUMENTS}
