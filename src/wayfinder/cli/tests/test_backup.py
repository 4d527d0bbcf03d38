"""`wayfinder backup`: a consistent copy while someone writes; pg_dump advice on PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from wayfinder.cli.commands.backup import pg_dump_command
from wayfinder.cli.tests.conftest import wayfinder


def wins_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as copy:
        return [row[0] for row in copy.execute("SELECT title FROM wins_win ORDER BY id")]


def test_backup_during_an_open_write_transaction_holds_the_committed_rows(data_dir, tmp_path):
    for title in ["First", "Second"]:
        assert wayfinder(data_dir, "win", title).returncode == 0
    writer = sqlite3.connect(data_dir / "wayfinder.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE wins_win SET title = 'Not yet committed'")
    target = tmp_path / "copy.sqlite3"
    try:
        done = wayfinder(data_dir, "backup", "-o", str(target))
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{target}\n"
    assert wins_in(target) == ["First", "Second"]
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".copy.sqlite3*"))


def test_backup_goes_to_the_data_dirs_backups_folder_by_default(data_dir):
    done = wayfinder(data_dir, "backup")

    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.strip())
    assert written.parent == data_dir / "backups"
    assert written.name.startswith("wayfinder-") and written.suffix == ".sqlite3"
    assert written.is_file()


def test_backup_never_overwrites_a_file(data_dir, tmp_path):
    target = tmp_path / "taken.sqlite3"
    target.write_text("keep me")

    done = wayfinder(data_dir, "backup", "-o", str(target))

    assert done.returncode == 1
    assert done.stderr == (
        f"wayfinder backup: {target} already exists: choose another file with -o\n"
    )
    assert target.read_text() == "keep me"


def test_backup_without_a_database_says_to_run_init(tmp_path):
    done = wayfinder(tmp_path, "backup")

    assert done.returncode == 1
    assert "run `wayfinder init` first" in done.stderr
    assert not (tmp_path / "backups").exists()


def test_on_postgresql_backup_prints_the_pg_dump_command_without_the_password(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgres://wf:s3cret@db.example:5433/career"}
    done = subprocess.run(
        [sys.executable, "-m", "wayfinder", "backup", "-o", "career.dump"],
        capture_output=True,
        text=True,
        env={**env, "WAYFINDER_DATA_DIR": str(tmp_path)},
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert (
        "pg_dump --format=custom --file=career.dump "
        "--dbname=postgresql://wf@db.example:5433/career\n"
    ) in done.stdout
    assert "s3cret" not in done.stdout


def test_pg_dump_command_keeps_connection_options_and_quotes_for_the_shell():
    command = pg_dump_command("postgres://wf@[::1]:5432/career?sslmode=require", "my file.dump")

    assert command == (
        "pg_dump --format=custom '--file=my file.dump' "
        "'--dbname=postgresql://wf@[::1]:5432/career?sslmode=require'"
    )
