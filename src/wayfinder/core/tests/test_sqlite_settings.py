import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_sqlite_pragmas_are_in_force():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas apply to the embedded database only")
    with connection.cursor() as cursor:
        values = {}
        pragmas = ("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "temp_store")
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
            values[pragma] = cursor.fetchone()[0]
    assert values["journal_mode"].lower() == "wal"
    assert values["synchronous"] == 1  # NORMAL: the backend flushes the WAL after each write
    assert values["busy_timeout"] >= 5000
    assert values["foreign_keys"] == 1
    assert values["temp_store"] == 2  # MEMORY: no temporary file per write
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_database_matches_database_url(settings):
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
