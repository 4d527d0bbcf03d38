"""Quick capture waits out a long writer (an import) before giving up, and then says so in
one line (issue 8, §3.5)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from wayfinder.cli import capture, main
from wayfinder.cli.tests.conftest import row_counts


@pytest.fixture
def in_process(data_dir, monkeypatch):
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return data_dir


def test_capture_waits_longer_than_the_web_app_does(data_dir):
    from django.conf import settings

    connection = capture.connect(data_dir / "wayfinder.sqlite3")
    try:
        (waits_ms,) = connection.execute("PRAGMA busy_timeout").fetchone()
    finally:
        connection.close()

    assert waits_ms == capture.CAPTURE_BUSY_TIMEOUT_MS >= 30_000
    assert waits_ms > settings.SQLITE_PRAGMAS["busy_timeout"]


def test_capture_goes_through_when_the_writer_finishes_while_it_waits(in_process, capsys):
    holder = sqlite3.connect(
        in_process / "wayfinder.sqlite3", isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")

    # The writer finishes while capture waits for it. (A sleep, not threading.Timer: under
    # the moved clock of `make test-moved-clock` a timed wait never runs out.)
    def finish_writing() -> None:
        time.sleep(0.5)
        holder.execute("COMMIT")

    release = threading.Thread(target=finish_writing)
    release.start()
    try:
        status = main(["win", "Shipped the pricing page", "--skill", "Patience"])
    finally:
        release.join()
        holder.close()

    assert status == 0, capsys.readouterr().err
    assert row_counts(in_process)["wins_win"] == 1


def test_capture_that_waited_in_vain_says_so_in_one_line(in_process, capsys, monkeypatch):
    monkeypatch.setattr(capture, "CAPTURE_BUSY_TIMEOUT_MS", 100)
    before = row_counts(in_process)
    holder = sqlite3.connect(in_process / "wayfinder.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        status = main(["win", "Shipped the pricing page"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert "busy" in err
    assert "Traceback" not in err
    assert row_counts(in_process) == before
