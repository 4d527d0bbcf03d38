"""`wayfinder backup`: a consistent copy while someone writes; pg_dump advice on PostgreSQL."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
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


def _hidden(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_backup_removes_the_partial_file_a_killed_backup_left(data_dir):
    backups = data_dir / "backups"
    backups.mkdir()
    leftover = backups / ".wayfinder-20261122-090000.sqlite3.k3x9q.partial"
    leftover.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)

    done = wayfinder(data_dir, "backup")

    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_file()
    assert _hidden(backups) == []


def test_backup_leaves_alone_the_partial_file_another_backup_is_writing(data_dir):
    backups = data_dir / "backups"
    backups.mkdir()
    running = backups / ".wayfinder-20261123-120000.sqlite3.r8n2w.partial"
    running.write_bytes(b"")
    with running.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        done = wayfinder(data_dir, "backup")

    assert done.returncode == 0, done.stderr
    assert _hidden(backups) == [running.name]


KILLED_MID_WAY = """
import os, sys, time
from pathlib import Path
from wayfinder.cli.commands import backup

def link(source, target):
    Path(sys.argv[3]).write_text("copied")  # the copy is written, not yet in place
    time.sleep(60)

os.link = link  # sqlite_backup links its copy into place with os.link
backup.sqlite_backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_backup_killed_mid_way_leaves_nothing_once_the_next_backup_ran(data_dir, tmp_path):
    assert wayfinder(data_dir, "win", "Shipped the pricing page").returncode == 0
    backups = data_dir / "backups"
    target, marker = backups / "wayfinder-killed.sqlite3", tmp_path / "copied"
    killed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_MID_WAY,
            str(data_dir / "wayfinder.sqlite3"),
            str(target),
            str(marker),
        ]
    )
    try:
        for _ in range(600):
            if marker.exists() or killed.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the backup never got mid-way"
        os.kill(killed.pid, signal.SIGKILL)
    finally:
        killed.wait(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert not target.exists()
    assert len(_hidden(backups)) == 1  # the half-done copy the killed backup left

    done = wayfinder(data_dir, "backup")

    assert done.returncode == 0, done.stderr
    assert _hidden(backups) == []
    assert wins_in(Path(done.stdout.strip())) == ["Shipped the pricing page"]
