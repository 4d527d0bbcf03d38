"""A migrated data directory made once per session by `wayfinder init`, copied per test.

Command tests run the real console script in a subprocess, on SQLite, whatever database
the rest of the suite uses: quick capture without Django exists only there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

OWNER = "alice"


def wayfinder(
    data_dir: Path,
    *args: str,
    python_flags: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    stdout: int | object = subprocess.PIPE,
):
    """Run `python -m wayfinder --data-dir DIR ARGS...` the way a person would.

    `env` adds to (or overrides) the environment; `stdout` may be a file to write to.
    """
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WAYFINDER_DATA_DIR"}
    }
    environment["WAYFINDER_SECRET_KEY"] = "test-only"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "wayfinder", "--data-dir", str(data_dir), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("template") / "data"
    done = wayfinder(directory, "init", "--username", OWNER, "--time-zone", "Europe/London")
    assert done.returncode == 0, done.stderr
    return directory


@pytest.fixture
def data_dir(template_dir, tmp_path) -> Path:
    """A fresh copy of the migrated data directory, with the owner `alice`."""
    directory = tmp_path / "data"
    shutil.copytree(template_dir, directory)
    return directory


def database(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "wayfinder.sqlite3")


def row_counts(data_dir: Path) -> dict[str, int]:
    tables = [
        "wins_win",
        "wins_impactmetric",
        "wins_win_skills",
        "core_skill",
        "network_person",
        "network_interaction",
        "network_interaction_people",
    ]
    with database(data_dir) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
