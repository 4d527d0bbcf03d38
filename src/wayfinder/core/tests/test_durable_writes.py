"""Every write on SQLite is on disk before anyone is told it was made (core/sqlite_backend):
the connection runs synchronous=NORMAL and the backend flushes the WAL itself after each
commit that changed a row, once the write queue is released, and after each write made
outside a transaction. Reads flush nothing."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3

import pytest
import time_machine
from django.db import connection, transaction

from wayfinder.core.sqlite_backend import base as backend
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.wins.models import Win
from wayfinder.wins.services import win_create
from wayfinder.wins.tests.factories import WinFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL") is not None, reason="the flush is SQLite's backend's"
    ),
]

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)  # midday: the same date in every zone


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def flushes(monkeypatch) -> list[dict]:
    """Each fdatasync the backend asks for: the file flushed, whether the write queue (the
    advisory lock beside the database) was still held at that moment, and the wins another
    connection could read then (what was committed)."""
    seen: list[dict] = []
    real = os.fdatasync

    def fdatasync(fd: int) -> None:
        queue = os.open(backend.write_lock_path(connection.settings_dict["NAME"]), os.O_RDWR)
        try:
            fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = True
        else:
            held = False
            fcntl.flock(queue, fcntl.LOCK_UN)
        finally:
            os.close(queue)
        with sqlite3.connect(connection.settings_dict["NAME"]) as other:
            (wins,) = other.execute("SELECT count(*) FROM wins_win").fetchone()
        seen.append(
            {"file": os.readlink(f"/proc/self/fd/{fd}"), "queue_held": held, "committed": wins}
        )
        real(fd)

    monkeypatch.setattr(backend.os, "fdatasync", fdatasync)
    return seen


def _wal() -> str:
    return f"{connection.settings_dict['NAME']}-wal"


def test_a_committed_write_is_flushed_once_after_the_queue_is_released(flushes):
    owner = ProfileFactory()
    flushes.clear()
    with transaction.atomic():
        win_create(owner=owner, title="On disk", occurred_on=NOW.date())
        WinFactory(owner=owner, title="And this one")
        assert flushes == []  # nothing is flushed before the COMMIT
    assert flushes == [{"file": _wal(), "queue_held": False, "committed": 2}]
    assert Win.objects.filter(owner=owner).count() == 2


def test_a_write_outside_a_transaction_is_flushed_before_it_returns(flushes):
    owner = ProfileFactory()
    flushes.clear()
    # An INSERT … RETURNING, committed only once its row is read and its cursor closed.
    win = Win(owner=owner, title="Autocommit", occurred_on=NOW.date())
    win.save()
    assert flushes == [{"file": _wal(), "queue_held": False, "committed": 1}]
    Win.objects.filter(pk=win.pk).update(title="Renamed in autocommit")
    assert len(flushes) == 2


def test_reads_and_a_rolled_back_transaction_flush_nothing(flushes):
    owner = ProfileFactory()
    WinFactory(owner=owner)
    flushes.clear()
    assert Win.objects.filter(owner=owner).count() == 1
    with transaction.atomic():
        list(Win.objects.filter(owner=owner))
    with pytest.raises(RuntimeError), transaction.atomic():
        WinFactory(owner=owner, title="Undone")
        raise RuntimeError("changed my mind")
    assert flushes == []
    assert not Win.objects.filter(title="Undone").exists()


def test_the_first_flush_of_a_new_wal_flushes_its_directory_too(monkeypatch, flushes):
    directories: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        directories.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(backend.os, "fsync", fsync)
    monkeypatch.setattr(connection, "_flushed_wal_inode", None)  # as if the WAL were new
    owner = ProfileFactory()
    WinFactory(owner=owner)
    WinFactory(owner=owner)
    database_directory = os.path.dirname(connection.settings_dict["NAME"])
    assert directories == [database_directory]  # once, not on every write
    assert len(flushes) >= 2


def test_an_api_win_is_on_disk_before_its_201(client, flushes):
    from wayfinder.api.tests.factories import AccessTokenFactory, bearer

    # Used this very minute: this request does not note its use (a write of its own).
    token = AccessTokenFactory(secret="wf_durable", last_used_at=NOW)
    flushes.clear()
    response = client.post(
        "/api/v1/wins",
        {"title": "Closed the Northwind renewal", "occurred_on": "2026-11-19"},
        content_type="application/json",
        headers=bearer("wf_durable"),
    )
    assert response.status_code == 201, response.content
    # One commit (the win and the owner's data version), flushed once, outside the lock.
    assert flushes == [{"file": _wal(), "queue_held": False, "committed": 1}]
    assert Win.objects.filter(owner=token.owner).count() == 1


def test_a_web_win_is_on_disk_before_its_redirect(client, flushes):
    owner = ProfileFactory()
    client.force_login(owner.user)
    flushes.clear()
    response = client.post("/wins/new/", {"title": "Renewed Acme", "occurred_on": "2026-11-19"})
    assert response.status_code == 302
    # The win's commit, then each write after the view (the data version), each flushed
    # once it was committed and the lock released.
    assert flushes
    assert all(flush == {"file": _wal(), "queue_held": False, "committed": 1} for flush in flushes)


def test_a_system_without_fdatasync_flushes_with_fsync(monkeypatch):
    """macOS has no os.fdatasync: the flush falls back to fsync, and the write goes on."""
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.delattr(backend.os, "fdatasync")
    monkeypatch.setattr(backend.os, "fsync", fsync)
    owner = ProfileFactory()
    synced.clear()
    WinFactory(owner=owner, title="Flushed all the same")
    assert _wal() in synced
    assert Win.objects.filter(title="Flushed all the same").count() == 1


def test_an_autocommit_write_left_open_is_flushed_before_a_transaction_begins(flushes):
    """A write whose cursor is still open when a transaction starts is flushed first, so a
    rollback of that transaction cannot pass over it."""
    owner = ProfileFactory()
    flushes.clear()
    cursor = connection.cursor()
    cursor.execute("UPDATE core_profile SET display_name = %s WHERE id = %s", ["Kept", owner.pk])
    with pytest.raises(RuntimeError), transaction.atomic():
        WinFactory(owner=owner, title="Undone")
        raise RuntimeError("changed my mind")
    cursor.close()
    assert len(flushes) == 1
    owner.refresh_from_db()
    assert owner.display_name == "Kept"
