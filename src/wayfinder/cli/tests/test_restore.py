"""`wayfinder restore FILE`: a checked backup back in place, never over a running server,
with the current database kept aside and the result verified; pg_restore on PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wayfinder.cli.tests.conftest import wayfinder
from wayfinder.cli.tests.test_backup import wins_in
from wayfinder.cli.tests.test_serve import free_port, wait_for
from wayfinder.portability.restore import server_lock

LEAVE_A_WAL = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA wal_autocheckpoint=0")
connection.execute("UPDATE wins_win SET title = 'Only in the -wal'")
os._exit(0)  # killed: the committed change stays in the -wal, never folded into the file
"""


def _db(data_dir: Path) -> Path:
    return data_dir / "wayfinder.sqlite3"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _companions(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if p.name.startswith("wayfinder.sqlite3-"))


def _hidden(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if p.name.startswith("."))


@pytest.fixture
def backup(data_dir, tmp_path) -> Path:
    """A backup holding one win, "Kept"; the database then gets a second win."""
    assert wayfinder(data_dir, "win", "Kept").returncode == 0
    target = tmp_path / "backup.sqlite3"
    assert wayfinder(data_dir, "backup", "-o", str(target)).returncode == 0
    assert wayfinder(data_dir, "win", "Written after the backup").returncode == 0
    return target


def test_restore_puts_the_backup_back_keeps_the_database_aside_and_counts(data_dir, backup):
    done = wayfinder(data_dir, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    assert wins_in(_db(data_dir)) == ["Kept"]
    safety = next((data_dir / "backups").glob("before-restore-*.sqlite3"))
    assert wins_in(safety) == ["Kept", "Written after the backup"]
    assert done.stdout.splitlines()[:3] == [
        f"Restored {backup} to {_db(data_dir)}; it passed SQLite's integrity check.",
        f"The database it replaced is kept in {safety}",
        "It holds 1 record of 1 owner:",  # the win: `init` makes no plan
    ]
    assert "  wins: 1\n" in done.stdout
    with sqlite3.connect(_db(data_dir)) as restored:
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert restored.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert stat.S_IMODE(_db(data_dir).stat().st_mode) == 0o600
    assert _hidden(data_dir) == []
    assert wayfinder(data_dir, "win", "After the restore").returncode == 0
    assert wins_in(_db(data_dir)) == ["Kept", "After the restore"]


def test_restore_over_a_leftover_wal_neither_replays_it_nor_loses_it(data_dir, backup):
    subprocess.run([sys.executable, "-c", LEAVE_A_WAL, str(_db(data_dir))], check=True)
    assert _companions(data_dir) == ["wayfinder.sqlite3-shm", "wayfinder.sqlite3-wal"]

    done = wayfinder(data_dir, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    assert _companions(data_dir) == []
    assert wins_in(_db(data_dir)) == ["Kept"]
    with sqlite3.connect(_db(data_dir)) as restored:
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # What only the -wal held is in the safety copy, not lost.
    safety = next((data_dir / "backups").glob("before-restore-*.sqlite3"))
    assert wins_in(safety) == ["Only in the -wal", "Only in the -wal"]


def test_restore_over_a_damaged_database_keeps_its_files_as_they_were(data_dir, backup):
    database = _db(data_dir)
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(database.read_bytes())
    raw[4096:] = b"\xa5" * (len(raw) - 4096)  # every page but the first is garbage
    database.write_bytes(bytes(raw))

    done = wayfinder(data_dir, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    assert "The database it replaced was damaged" in done.stdout
    assert wins_in(database) == ["Kept"]
    kept = list((data_dir / "backups").glob("before-restore-*.sqlite3"))
    assert [p.read_bytes() for p in kept] == [bytes(raw)]
    with sqlite3.connect(database) as restored:
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _not_wayfinder(tmp_path: Path) -> Path:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
    return path


def _damaged(backup: Path) -> Path:
    raw = bytearray(backup.read_bytes())
    raw[4096 * 3 :] = b"\x00\xff" * ((len(raw) - 4096 * 3) // 2)
    backup.write_bytes(bytes(raw))
    return backup


def _from_a_newer_wayfinder(backup: Path) -> Path:
    with sqlite3.connect(backup) as newer:
        newer.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('wins', '9999_from_the_future', '2027-01-01')"
        )
    return backup


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda backup, tmp: tmp / "missing.sqlite3", "no such file: {tmp}/missing.sqlite3"),
        (
            lambda backup, tmp: (tmp / "notes.txt", (tmp / "notes.txt").write_text("hi"))[0],
            "{tmp}/notes.txt is not an SQLite database (a Wayfinder backup is)",
        ),
        (
            lambda backup, tmp: _not_wayfinder(tmp),
            "{tmp}/other.sqlite3 is not a Wayfinder database (it has no django_migrations)",
        ),
        (lambda backup, tmp: _damaged(backup), "{tmp}/backup.sqlite3 "),
        (
            lambda backup, tmp: _from_a_newer_wayfinder(backup),
            "{tmp}/backup.sqlite3 was written by a newer Wayfinder (migration "
            "wins.9999_from_the_future is unknown to this version): upgrade Wayfinder first",
        ),
    ],
    ids=["missing", "not-sqlite", "not-wayfinder", "damaged", "newer"],
)
def test_restore_refuses_a_file_that_is_not_a_sound_wayfinder_backup(
    data_dir, backup, tmp_path, make, message
):
    source = make(backup, tmp_path)
    before = _digest(_db(data_dir))

    done = wayfinder(data_dir, "restore", str(source))

    assert done.returncode == 1
    assert done.stderr.startswith("wayfinder restore: " + message.format(tmp=tmp_path))
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert _digest(_db(data_dir)) == before
    assert not list((data_dir / "backups").glob("before-restore-*"))
    assert _hidden(data_dir) == []


def test_restore_refuses_the_database_itself(data_dir):
    done = wayfinder(data_dir, "restore", str(_db(data_dir)))

    assert done.returncode == 1
    assert "is the database itself" in done.stderr


def test_restore_refuses_while_a_server_holds_the_data_directory(data_dir, backup):
    before = _digest(_db(data_dir))
    with server_lock(data_dir):
        done = wayfinder(data_dir, "restore", str(backup))

    assert done.returncode == 1
    assert done.stderr == (
        f"wayfinder restore: a Wayfinder server (pid {os.getpid()}) has this database open: "
        f"stop it first (Ctrl-C where it runs, or `kill {os.getpid()}`), then restore\n"
    )
    assert _digest(_db(data_dir)) == before


def test_restore_refuses_while_wayfinder_serve_runs_and_works_once_it_stopped(data_dir, backup):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WAYFINDER_DATA_DIR"}}
    command = [sys.executable, "-m", "wayfinder", "--data-dir", str(data_dir), "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, "WAYFINDER_SECRET_KEY": "test-only"},
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/admin/login/", server)
        refused = wayfinder(data_dir, "restore", str(backup))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    done = wayfinder(data_dir, "restore", str(backup))

    assert refused.returncode == 1
    assert f"a Wayfinder server (pid {server.pid}) has this database open" in refused.stderr
    assert done.returncode == 0, done.stderr
    assert wins_in(_db(data_dir)) == ["Kept"]


def test_restore_refuses_while_another_program_has_the_database_open(data_dir, backup):
    other = sqlite3.connect(_db(data_dir))
    try:
        other.execute("SELECT count(*) FROM wins_win").fetchone()
        done = wayfinder(data_dir, "restore", str(backup))
    finally:
        other.close()

    assert done.returncode == 1
    assert "another program has" in done.stderr and "close it and try again" in done.stderr
    assert wins_in(_db(data_dir)) == ["Kept", "Written after the backup"]


def test_restore_onto_a_new_machine_creates_the_data_directory(backup, tmp_path):
    fresh = tmp_path / "new-machine"

    done = wayfinder(fresh, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    assert wins_in(_db(fresh)) == ["Kept"]
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    assert stat.S_IMODE(_db(fresh).stat().st_mode) == 0o600


def test_on_postgresql_restore_prints_the_pg_restore_command_without_the_password(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgres://wf:s3cret@db.example:5433/career"}
    done = subprocess.run(
        [sys.executable, "-m", "wayfinder", "restore", "career.dump"],
        capture_output=True,
        text=True,
        env={**env, "WAYFINDER_DATA_DIR": str(tmp_path)},
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert (
        "pg_restore --clean --if-exists --no-owner "
        "--dbname=postgresql://wf@db.example:5433/career career.dump\n"
    ) in done.stdout
    assert "s3cret" not in done.stdout
