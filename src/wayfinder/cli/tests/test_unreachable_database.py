"""A PostgreSQL server that does not answer is one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "command",
    [["init"], ["serve"], ["win", "Shipped it"], ["met", "Sam", "Coffee"]],
)
def test_an_unreachable_server_is_one_line_and_exit_1(tmp_path, command):
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody:s3cret@127.0.0.1:1/nothing",
        "WAYFINDER_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "wayfinder", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"wayfinder {command[0]}: cannot ")
    assert "Traceback" not in done.stderr
    assert "s3cret" not in done.stderr
