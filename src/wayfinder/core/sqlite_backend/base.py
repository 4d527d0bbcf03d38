"""Django's SQLite backend, creating the database readable by its owner only, and queueing
its write transactions in the kernel.

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


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _queue_pid: int | None = None
    _queue_held = False

    def get_new_connection(self, conn_params):
        with owner_only_files():
            return super().get_new_connection(conn_params)

    def _start_transaction_under_autocommit(self):
        self._queue_join()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._queue_leave()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._queue_leave()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._queue_leave()

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
