"""The restore service's own checks: its verification is real, and it cleans up after
itself (the command's behaviour is tested in cli/tests/test_restore.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from wayfinder.portability import restore
from wayfinder.portability.restore import RestoreError, database_restore


def _database(path: Path, rows: int) -> Path:
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        for table in restore.REQUIRED_TABLES:
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, app, name)")
        connection.executemany("INSERT INTO core_profile (app) VALUES (?)", [("x",)] * rows)
    return path


def _no_unknown(connection: sqlite3.Connection) -> list[str]:
    return []


def test_a_restore_that_did_not_copy_everything_is_reported(tmp_path, monkeypatch):
    database = _database(tmp_path / "wayfinder.sqlite3", rows=1)
    backup = _database(tmp_path / "backup.sqlite3", rows=3)
    monkeypatch.setattr(restore, "_restore_into", lambda live, staged: None)

    with pytest.raises(RestoreError, match=r"did not verify \(row counts differ\); the previous"):
        database_restore(source=backup, database=database, unknown_migrations=_no_unknown)


def test_restore_leaves_no_partial_file_behind_and_removes_stale_ones(tmp_path):
    database = _database(tmp_path / "wayfinder.sqlite3", rows=1)
    backup = _database(tmp_path / "backup.sqlite3", rows=3)
    stale = tmp_path / ".wayfinder.sqlite3.killed.partial"
    stale.write_bytes(b"half a copy")

    result = database_restore(source=backup, database=database, unknown_migrations=_no_unknown)

    assert result.counts["core_profile"] == 3 and not result.damaged
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
