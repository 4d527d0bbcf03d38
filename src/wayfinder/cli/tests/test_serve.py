"""`wayfinder serve`: gunicorn in front of the app, after checking the database is ready."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

from wayfinder.cli.tests.conftest import database, wayfinder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url} within {seconds}s")


def test_serve_answers_http_until_stopped(data_dir):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WAYFINDER_DATA_DIR"}}
    command = [sys.executable, "-m", "wayfinder", "--data-dir", str(data_dir), "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**env, "WAYFINDER_SECRET_KEY": "test-only"},
    )
    try:
        status = wait_for(f"http://127.0.0.1:{port}/admin/login/", server)
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)

    assert status == 200
    assert server.returncode == 0
    assert f"Wayfinder at http://127.0.0.1:{port}/ (SQLite {sqlite3.sqlite_version}" in output
    assert f"http://127.0.0.1:{port}/signin/link/" in output
    assert "Starting gunicorn" in output


def test_serve_without_a_database_says_to_run_init(tmp_path):
    done = wayfinder(tmp_path / "empty", "serve")

    assert done.returncode == 1
    assert done.stderr == (
        f"wayfinder serve: no data directory at {tmp_path / 'empty'}: "
        "run `wayfinder init` first, or pass --data-dir\n"
    )
    assert not (tmp_path / "empty").exists()


def test_serve_refuses_a_database_with_unapplied_migrations(data_dir):
    with database(data_dir) as connection:
        connection.execute("DELETE FROM django_migrations WHERE app = 'wins'")

    done = wayfinder(data_dir, "serve")

    assert done.returncode == 1
    assert "migration(s): run `wayfinder init` first" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_serve_refuses_an_impossible_port(data_dir):
    done = wayfinder(data_dir, "serve", "--port", "70000")

    assert done.returncode == 1
    assert done.stderr == "wayfinder serve: --port must be between 1 and 65535 (got 70000)\n"
