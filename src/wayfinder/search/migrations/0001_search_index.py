"""The SQLite FTS5 table behind search. Its triggers are kept by wayfinder.search.index.

Triggers live outside migrations because SQLite drops a table's triggers whenever Django
rebuilds that table to alter it; `ensure_sqlite_index` runs after every migrate instead.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_entry USING fts5("
            "title, body, owner_id UNINDEXED, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry")


class Migration(migrations.Migration):
    dependencies = [
        ("wins", "0001_initial"),
        ("network", "0001_initial"),
        ("conversations", "0001_initial"),
        ("reflection", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
