"""The data directory is made private at start; Django's connection creates private files."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from wayfinder.environment import data_dir_make_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_directory_is_private(tmp_path, caplog):
    directory = tmp_path / "home" / "wayfinder"

    with caplog.at_level(logging.INFO, logger="wayfinder"):
        data_dir_make_private(directory)

    assert mode(directory) == 0o700
    assert caplog.records == []


def test_an_open_data_directory_is_tightened_once_with_one_warning(tmp_path, caplog):
    directory = tmp_path / "wayfinder"
    directory.mkdir()
    directory.chmod(0o775)

    with caplog.at_level(logging.INFO, logger="wayfinder"):
        data_dir_make_private(directory)
        data_dir_make_private(directory)

    assert mode(directory) == 0o700
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"the data directory {directory} was open to other users (mode 0775): "
            "made it private (0700)",
        )
    ]


@pytest.mark.django_db
def test_the_django_connection_created_the_database_owner_only():
    if connection.vendor != "sqlite":
        pytest.skip("file modes concern the embedded SQLite database")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_profile")
    database = Path(connection.settings_dict["NAME"])

    modes = [mode(Path(f"{database}{suffix}")) for suffix in ("", "-wal", "-shm")]

    assert modes == [0o600, 0o600, 0o600]


def test_on_postgresql_an_existing_data_directory_is_made_private_too(tmp_path):
    directory = tmp_path / "wayfinder"
    directory.mkdir()
    directory.chmod(0o755)
    env = {
        **os.environ,
        "WAYFINDER_DATA_DIR": str(directory),
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/never_opened",
        "WAYFINDER_SECRET_KEY": "test-only",
    }

    done = subprocess.run(
        [sys.executable, "-c", "import wayfinder.settings"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert mode(directory) == 0o700
    assert done.stderr.count("made it private (0700)") == 1
