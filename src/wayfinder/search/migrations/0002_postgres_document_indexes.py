"""PostgreSQL: a GIN index on each searched table's document, so a search reads the rows
that match instead of building every row's text (tens of thousands on a long record).

Each expression is the one `search.selectors` filters on (`SearchVector` of the document's
title and body with the 'english' configuration, which SQLite's porter stemmer also
follows); a test checks that every document's search uses its index. PostgreSQL keeps an
index current on every write, whatever path makes it. SQLite has its FTS5 table instead.
"""

from django.db import migrations


def _vector(columns: list[str]) -> str:
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('english'::regconfig, {text})"


# Frozen here as they are at this migration: a later change to a document needs its own.
INDEXED = {
    "wins_win": ["title", "situation", "action", "result"],
    "network_person": ["name", "title", "organisation", "function", "notes"],
    "network_interaction": ["kind", "notes", "follow_ups"],
    "conversations_developmentconversation": ["agenda", "notes"],
    "reflection_journalentry": ["question", "answer"],
    "reflection_privatenote": ["title", "body"],
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, columns in INDEXED.items():
            schema_editor.execute(
                f"CREATE INDEX search_{table}_document ON {table} USING gin ({_vector(columns)})"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in INDEXED:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_{table}_document")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_index"),
        ("wins", "0002_private_notes_help"),
        ("network", "0006_interaction_people_by_person"),
        ("conversations", "0002_private_notes_help"),
        ("reflection", "0002_privatenote_privatenote_one_backup_plan_per_owner"),
    ]

    operations = [migrations.RunPython(create, drop)]
