"""Django's SQLite backend, creating the database readable by its owner only, queueing
its write transactions in the kernel, and making each write durable outside the lock.

The database holds private notes and live session keys. Connecting creates the file, and
the WAL pragma its -wal and -shm files (SQLite gives them the database's own mode): all
of them under a 0077 umask, so no other local user can read a byte of them.

SQLite has one write lock. A transaction that finds it taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10, 15, 20… ms between tries: behind a write that takes
2 ms, the next writer often sleeps 8 ms, and two server workers logging wins spend more
time asleep than writing. So each write transaction (`BEGIN IMMEDIATE`, which every
`transaction.atomic()` opens here) first takes an advisory lock on `<database>.writelock`,
a file beside the database, and holds it until its COMMIT or ROLLBACK. A writer waiting
for it asks again every 0.1 to 0.5 ms, so it starts soon after the one before it ends.
The queue only orders writers that use this backend; SQLite's own lock stays the rule
for everyone (quick capture, an sqlite3 shell), and the busy timeout still bounds every
wait: after it the transaction asks SQLite directly, as before.

Durability. With `synchronous=FULL` SQLite flushes the WAL to disk inside COMMIT, while it
still holds the write lock: every other writer waits for the disk as well as for the
write. Here the connection runs `synchronous=NORMAL` (SQLite writes the WAL and flushes it
at checkpoints) and the backend flushes the WAL itself (`fdatasync`) after every commit
that changed a row, once the locks are released and before the caller goes on, so before
any answer says the write was made. The next writer's work overlaps this one's flush, and
no acknowledged write is less durable than under FULL: the flush covers every frame
written before it, and SQLite's recovery keeps a frame only if all before it are whole.
A statement that writes outside a transaction (Django's autocommit) is flushed the same
way, when its cursor is closed. The first flush of a new WAL file flushes its directory
too, as SQLite does for the journals it creates.
"""

from __future__ import annotations

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

from wayfinder.environment import owner_only_files

QUEUE_FIRST_WAIT = 0.0001  # seconds; doubled on each try up to QUEUE_LONGEST_WAIT
QUEUE_LONGEST_WAIT = 0.0005


def write_lock_path(database: str) -> str:
    return f"{database}.writelock"


class DurableCursor(base.SQLiteCursorWrapper):
    """Django's cursor, flushing the WAL when it is closed after a statement that wrote
    outside a transaction (a transaction's writes are flushed after its COMMIT).

    Such a statement is committed when it completes, and an `INSERT … RETURNING` (how
    Django inserts a row) completes only once its row is read and its cursor closed; Django
    closes every cursor it writes with before it returns."""

    wrapper: DatabaseWrapper

    def close(self):
        super().close()
        try:
            in_transaction = self.connection.in_transaction
        except base.Database.ProgrammingError:  # the connection was closed first
            return
        if not in_transaction:
            self.wrapper._durable_after_write()


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _queue_pid: int | None = None
    _queue_held = False
    _flushed_changes = 0  # the connection's total_changes at its last flush
    _flushed_wal_inode: int | None = None  # the WAL file whose directory entry was flushed

    def get_new_connection(self, conn_params):
        with owner_only_files():
            connection = super().get_new_connection(conn_params)
        self._flushed_changes = connection.total_changes
        return connection

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=DurableCursor)
        cursor.wrapper = self
        return cursor

    def _start_transaction_under_autocommit(self):
        # A write made in autocommit on a cursor not yet closed is flushed now, so that a
        # rollback of what follows (which marks its own changes as needing no flush) never
        # passes over it.
        self._durable_after_write()
        self._queue_join()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._queue_leave()
            raise

    def _commit(self):
        try:
            super()._commit()
        finally:
            self._queue_leave()
        self._durable_after_write()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._queue_leave()
            # What was rolled back needs no flush.
            if self.connection is not None:
                self._flushed_changes = self.connection.total_changes

    def _close(self):
        try:
            return super()._close()
        finally:
            self._queue_leave()

    def _queue_file(self) -> int | None:
        """The lock file's descriptor, opened once per process (a forked worker opens its
        own: a descriptor inherited across fork shares the parent's lock)."""
        if self.is_in_memory_db():
            return None
        if self._queue_fd is not None and self._queue_pid != os.getpid():
            self._queue_fd = None
        if self._queue_fd is None:
            path = write_lock_path(str(self.settings_dict["NAME"]))
            try:
                with owner_only_files():
                    self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return None  # a read-only directory: SQLite's own lock alone, as before
            self._queue_pid = os.getpid()
        return self._queue_fd

    def _queue_join(self) -> None:
        fd = self._queue_file()
        if fd is None:
            return
        deadline = time.monotonic() + self.settings_dict["OPTIONS"].get("timeout", 5)
        wait = QUEUE_FIRST_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy handler decides from here
                time.sleep(wait)
                wait = min(wait * 2, QUEUE_LONGEST_WAIT)
            else:
                self._queue_held = True
                return

    def _queue_leave(self) -> None:
        if self._queue_held:
            self._queue_held = False
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def _durable_after_write(self) -> None:
        """Flush the WAL if a row changed since the last flush (see the module's note)."""
        if self.connection is None:
            return
        changes = self.connection.total_changes
        if changes == self._flushed_changes or self.is_in_memory_db():
            return
        database = str(self.settings_dict["NAME"])
        try:
            fd = os.open(f"{database}-wal", os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:  # no WAL (journal_mode was refused): the database itself
            fd = os.open(database, os.O_RDONLY | os.O_CLOEXEC)
        try:
            # fdatasync where the system has it (Linux), else fsync (macOS has no fdatasync).
            getattr(os, "fdatasync", os.fsync)(fd)
            inode = os.fstat(fd).st_ino
        finally:
            os.close(fd)
        if inode != self._flushed_wal_inode:
            directory = os.open(os.path.dirname(database) or ".", os.O_RDONLY | os.O_CLOEXEC)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
            self._flushed_wal_inode = inode
        self._flushed_changes = changes
