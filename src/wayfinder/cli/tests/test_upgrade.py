"""Upgrades: init backs up before it migrates, and a newer database is refused by name."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from wayfinder.cli import CommandError, main
from wayfinder.cli.commands.init import _backup_before_migrating
from wayfinder.cli.tests.conftest import database, wayfinder

NEWER = ("wins", "0999_from_a_newer_wayfinder")


def applied(path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT app, name FROM django_migrations").fetchall())


def test_init_backs_up_an_existing_database_before_migrating_it(data_dir):
    # An older Wayfinder's database: the last core migration not applied yet.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wayfinder.settings",
        "WAYFINDER_DATA_DIR": str(data_dir),
        "WAYFINDER_SECRET_KEY": "test-only",
    }
    env.pop("DATABASE_URL", None)
    older = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "core", "0001", "--verbosity", "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert older.returncode == 0, older.stderr
    before = applied(data_dir / "wayfinder.sqlite3")
    assert ("core", "0002_dataversion") not in before

    done = wayfinder(data_dir, "init")

    assert done.returncode == 0, done.stderr
    (copy,) = (data_dir / "backups").iterdir()
    assert copy.name.startswith("wayfinder-before-migrating-")
    assert f"Backed up the database to {copy} before migrating it." in done.stdout
    assert "Applied " in done.stdout
    assert applied(copy) == before
    assert ("core", "0002_dataversion") in applied(data_dir / "wayfinder.sqlite3")


def test_init_with_nothing_to_migrate_takes_no_backup(data_dir):
    done = wayfinder(data_dir, "init")

    assert done.returncode == 0, done.stderr
    assert "Database schema is up to date." in done.stdout
    assert not (data_dir / "backups").exists()


def test_init_refuses_a_newer_database_before_migrating_or_backing_up(data_dir):
    with database(data_dir) as db:
        db.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)",
            (*NEWER, "2027-01-01 00:00:00"),
        )

    done = wayfinder(data_dir, "init")

    assert done.returncode == 1
    assert "Database schema is up to date." not in done.stdout
    assert "migration wins.0999_from_a_newer_wayfinder is unknown to this version" in done.stderr
    assert not (data_dir / "backups").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["init"], ["today"], ["export"], ["digest", "--stdout"]])
def test_a_newer_schema_is_refused_on_the_configured_database(args, capsys):
    """In-process, on whichever database the suite runs: SQLite or PostgreSQL."""
    MigrationRecorder.Migration.objects.create(app=NEWER[0], name=NEWER[1])

    assert main(args) == 1

    err = capsys.readouterr().err
    assert err.startswith(f"wayfinder {args[0]}: the database was written by a newer Wayfinder")
    assert "migration wins.0999_from_a_newer_wayfinder is unknown to this version" in err


@pytest.fixture
def postgresql_url(monkeypatch, tmp_path) -> str:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or 'localhost'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(tmp_path))
    return url


@pytest.mark.django_db
def test_on_postgresql_init_backs_up_with_pg_dump(postgresql_url, tmp_path):
    copy = _backup_before_migrating(False)

    assert copy.parent == tmp_path / "backups"
    assert copy.read_bytes()[:5] == b"PGDMP"


@pytest.mark.django_db
def test_on_postgresql_without_pg_dump_init_changes_nothing_and_says_what_to_run(
    postgresql_url, monkeypatch
):
    monkeypatch.setattr("shutil.which", lambda name: None)

    with pytest.raises(CommandError, match=r"pg_dump --format=custom .*--no-backup"):
        _backup_before_migrating(False)
