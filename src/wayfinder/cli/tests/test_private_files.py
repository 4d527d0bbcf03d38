"""The data directory and the database are readable by their owner only, from the start."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing, contextmanager
from pathlib import Path

from wayfinder.cli.tests.conftest import OWNER, wayfinder

FILES = ("data", "wayfinder.sqlite3", "wayfinder.sqlite3-wal", "wayfinder.sqlite3-shm")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def permissive_umask():
    """What a careless shell or service manager may hand down: files readable by all."""
    previous = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(previous)


def test_init_creates_a_private_directory_and_database_under_any_umask(tmp_path):
    data_dir = tmp_path / "data"
    database = data_dir / "wayfinder.sqlite3"

    with permissive_umask():
        done = wayfinder(data_dir, "init", "--username", OWNER)
        assert done.returncode == 0, done.stderr
        # A reader keeps the -wal and -shm files in place while quick capture writes.
        with closing(sqlite3.connect(database)) as reader:
            reader.execute("SELECT count(*) FROM wins_win").fetchone()
            logged = wayfinder(data_dir, "win", "Shipped the private-files fix")
            assert logged.returncode == 0, logged.stderr
            modes = {path.name: mode(path) for path in (data_dir, *data_dir.iterdir())}

    assert {name: modes.get(name) for name in FILES} == {
        "data": 0o700,
        "wayfinder.sqlite3": 0o600,
        "wayfinder.sqlite3-wal": 0o600,
        "wayfinder.sqlite3-shm": 0o600,
    }
    assert [name for name, bits in modes.items() if bits & 0o077] == []


def test_a_data_directory_open_to_others_is_made_private_with_one_log_line(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data_dir.chmod(0o755)

    done = wayfinder(data_dir, "init", "--username", OWNER)
    again = wayfinder(data_dir, "init")

    assert done.returncode == 0, done.stderr
    assert mode(data_dir) == 0o700
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert f"the data directory {data_dir} was open to other users (mode 0755)" in lines[0]
    assert "made it private (0700)" in lines[0]
    assert again.stderr == ""


def test_quick_capture_keeps_the_wal_files_private_when_it_creates_them(data_dir):
    database = data_dir / "wayfinder.sqlite3"
    assert not (data_dir / "wayfinder.sqlite3-wal").exists()

    with permissive_umask(), closing(sqlite3.connect(database)) as reader:
        reader.execute("SELECT count(*) FROM wins_win").fetchone()
        logged = wayfinder(data_dir, "met", "Priya", "Talked about the platform team")
        assert logged.returncode == 0, logged.stderr
        wal_modes = [mode(data_dir / f"wayfinder.sqlite3-{suffix}") for suffix in ("wal", "shm")]

    assert mode(database) == 0o600
    assert wal_modes == [0o600, 0o600]
