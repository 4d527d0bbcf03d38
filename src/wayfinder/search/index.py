"""Keeping the SQLite search index: triggers on every searched table, rebuilt when missing."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from wayfinder.search.documents import DOCUMENTS, ROWID_STRIDE, Document

TRIGGER_SUFFIXES = ("ai", "au", "ad")


def _values(prefix: str, document: Document) -> str:
    body = " || ' ' || ".join(f"coalesce({prefix}.{column}, '')" for column in document.body)
    return (
        f"{prefix}.id * {ROWID_STRIDE} + {document.code}, {prefix}.owner_id, "
        f"{prefix}.{document.title}, {body}"
    )


def trigger_sql(document: Document) -> list[str]:
    table = document.table
    insert = (
        "INSERT INTO search_entry(rowid, owner_id, title, body) "
        f"VALUES ({_values('new', document)});"
    )
    delete = f"DELETE FROM search_entry WHERE rowid = old.id * {ROWID_STRIDE} + {document.code};"
    return [
        f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER search_{table}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
    ]


def ensure_sqlite_index(connection: BaseDatabaseWrapper) -> list[str]:
    """Install missing triggers and reindex those tables; returns the kinds rebuilt."""
    if connection.vendor != "sqlite":
        return []
    rebuilt = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in cursor.fetchall()}
        if "search_entry" not in tables:
            return []
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        for document in DOCUMENTS:
            names = {f"search_{document.table}_{suffix}" for suffix in TRIGGER_SUFFIXES}
            if document.table not in tables or names <= triggers:
                continue
            for name in names & triggers:
                cursor.execute(f"DROP TRIGGER {name}")
            for statement in trigger_sql(document):
                cursor.execute(statement)
            cursor.execute(
                f"DELETE FROM search_entry WHERE rowid % {ROWID_STRIDE} = {document.code}"
            )
            cursor.execute(
                "INSERT INTO search_entry(rowid, owner_id, title, body) "
                f"SELECT {_values(document.table, document)} FROM {document.table}"
            )
            rebuilt.append(document.kind)
    return rebuilt
