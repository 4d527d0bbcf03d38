"""SQLite's writers queue in the kernel (core/sqlite_backend): each write transaction holds
an advisory lock beside the database from BEGIN to COMMIT or ROLLBACK, waiters ask again
within half a millisecond, and the busy timeout still bounds every wait."""

from __future__ import annotations

import fcntl
import os
import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from wayfinder.core.sqlite_backend import base as backend
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.wins.models import Win
from wayfinder.wins.services import win_create
from wayfinder.wins.tests.factories import WinFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("DATABASE_URL") is not None, reason="the queue is SQLite's"),
]


def _lock_path() -> str:
    return backend.write_lock_path(connection.settings_dict["NAME"])


def _taken_by_someone() -> bool:
    """Whether another open file description holds the queue's lock now."""
    fd = os.open(_lock_path(), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def test_a_write_transaction_holds_the_queue_until_it_commits():
    owner = ProfileFactory()
    with transaction.atomic():
        win_create(owner=owner, title="Queued", occurred_on=owner.created_at.date())
        assert _taken_by_someone()
    assert not _taken_by_someone()
    assert os.stat(_lock_path()).st_mode & 0o077 == 0  # the owner's alone, like the database
    assert Win.objects.filter(title="Queued").count() == 1


def test_a_rollback_leaves_the_queue_too():
    owner = ProfileFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        WinFactory(owner=owner, title="Undone")
        assert _taken_by_someone()
        raise RuntimeError("changed my mind")
    assert not _taken_by_someone()
    assert not Win.objects.filter(title="Undone").exists()


def test_a_waiting_writer_asks_again_within_half_a_millisecond(monkeypatch):
    owner = ProfileFactory()
    with transaction.atomic():  # make sure the connection has its descriptor
        pass
    holder = os.open(_lock_path(), os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 6:  # the writer before it commits
            fcntl.flock(holder, fcntl.LOCK_UN)

    monkeypatch.setattr(backend.time, "sleep", sleep)
    try:
        with transaction.atomic():
            assert connection._queue_held
            WinFactory(owner=owner, title="After the one before")
    finally:
        os.close(holder)
    assert waits == [0.0001, 0.0002, 0.0004, 0.0005, 0.0005, 0.0005]
    assert Win.objects.filter(title="After the one before").count() == 1


def test_a_stuck_queue_never_blocks_a_write_beyond_the_busy_timeout(monkeypatch):
    """Someone holding the queue's file but not SQLite's lock (a crashed tool that left a
    descriptor, say) costs each write the busy timeout at most, then SQLite decides."""
    owner = ProfileFactory()
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.01)
    holder = os.open(_lock_path(), os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with transaction.atomic():
            assert not connection._queue_held
            WinFactory(owner=owner, title="Despite the stuck queue")
    finally:
        os.close(holder)
    assert Win.objects.filter(title="Despite the stuck queue").count() == 1


def test_two_threads_write_in_turn_and_nothing_is_lost():
    owner = ProfileFactory()
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for n in range(15):
                with transaction.atomic():
                    WinFactory(owner=owner, title=f"{name} {n}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Win.objects.filter(owner=owner).count() == 30
    assert not _taken_by_someone()


def test_a_forked_process_opens_its_own_descriptor(monkeypatch):
    with transaction.atomic():
        pass
    inherited = connection._queue_fd
    monkeypatch.setattr(connection, "_queue_pid", -1)  # as a child after fork sees it
    with transaction.atomic():
        assert connection._queue_fd != inherited
    os.close(inherited)


def test_the_server_keeps_its_connection_between_requests():
    """Opening a connection costs SQLite reading the whole schema: a server keeps one."""
    ProfileFactory()
    client = Client()
    client.get("/health/")
    connection.ensure_connection()
    kept = connection.connection
    client.get("/health/")
    client.get("/health/")
    assert connection.connection is kept
