"""Restoring the SQLite database from a backup, safely.

Copying a backup over the database by hand is unsafe: a `-wal` file left beside it belongs
to the old database, and SQLite replays it into the new one (`btreeInitPage() returns error
code 11`). A restore here checks the file first, refuses while a server has the database
open, keeps a safety copy of the current database, lets SQLite itself fold the old `-wal`
in and remove it, then copies the backup in through SQLite's backup API and checks the
result.

Plain `sqlite3`, no Django: the caller passes what it knows of the schema.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from wayfinder.portability.partial_files import fsync_directory, fsync_file, partial_file

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Wayfinder database has, whatever its age.
REQUIRED_TABLES = ("django_migrations", "auth_user", "core_profile")
LOCK_NAME = "server.lock"
# How long to wait for another program to let go of the database before refusing.
BUSY_SECONDS = 2


class RestoreError(Exception):
    """The restore cannot go ahead (or did not verify); the message says why, in a line."""


@dataclass(frozen=True)
class RestoreResult:
    safety_copy: Path | None  # the database as it was before, None if there was none
    damaged: bool  # the database restored over failed its own check (copied as raw files)
    counts: dict[str, int]  # rows per table of the restored database


@contextmanager
def server_lock(directory: Path) -> Iterator[None]:
    """Held (shared) by `wayfinder serve` for as long as it serves this data directory.

    The lock is on a file in the data directory and dies with the process, so a killed
    server never leaves a stale lock; the file holds the last server's pid for messages.
    """
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreError(
                "a restore is running on this data directory: wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


@contextmanager
def _no_server(directory: Path) -> Iterator[None]:
    """Exclusive use of the data directory, or a refusal naming the server to stop."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
            how = f"Ctrl-C where it runs, or `kill {pid}`" if pid.isdigit() else "Ctrl-C"
            raise RestoreError(
                f"a Wayfinder server (pid {pid or '?'}) has this database open: "
                f"stop it first ({how}), then restore"
            ) from None
        yield
    finally:
        os.close(fd)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(
            f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_SECONDS, isolation_level=None
        )
    return sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)


def _check(connection: sqlite3.Connection, pragma: str = "integrity_check") -> str | None:
    """None if SQLite finds the database sound, else its first complaint."""
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.OperationalError:
        raise  # locked or busy: not a verdict on the file
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if rows == [("ok",)] else rows[0][0]


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


# Given a connection to a Wayfinder database, the migrations in it this code does not have.
UnknownMigrations = Callable[[sqlite3.Connection], list[str]]


def _stage(source: Path, staged: Path, unknown_migrations: UnknownMigrations) -> None:
    """Copy `source` to `staged` as one file that passed every check."""
    try:
        with source.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise RestoreError(f"cannot read {source}: {error.strerror or error}") from None
    if header != SQLITE_HEADER:
        raise RestoreError(f"{source} is not an SQLite database (a Wayfinder backup is)")
    try:
        with closing(_connect(source, read_only=True)) as src, closing(_connect(staged)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            problem = _check(dst)
            if problem:
                raise RestoreError(f"{source} failed its integrity check ({problem})")
            tables = set(table_counts(dst))
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                raise RestoreError(f"{source} is not a Wayfinder database (it has no {missing[0]})")
            newer = unknown_migrations(dst)
    except sqlite3.DatabaseError as error:
        raise RestoreError(f"{source} cannot be read as a database ({error})") from None
    if newer:
        raise RestoreError(
            f"{source} was written by a newer Wayfinder (migration {newer[0]} is unknown "
            "to this version): upgrade Wayfinder first"
        )


def _safety_copy(database: Path, backups: Path) -> tuple[Path, bool]:
    """Copy the current database aside; return the copy and whether it was damaged.

    A sound database is copied with the backup API (its -wal included). One SQLite cannot
    read is kept as its raw files, -wal and -shm too, for someone to look at.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"before-restore-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = backups / f"before-restore-{stamp}-{n}.sqlite3"
    with partial_file(target) as partial:
        try:
            # Read-only: closing it never folds a (perhaps stale) -wal into the file.
            with closing(_connect(database, read_only=True)) as live:
                problem = _check(live, "quick_check")
                if problem is None:
                    with closing(_connect(partial)) as copy:
                        live.backup(copy)
                        copy.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise RestoreError(_in_use(database)) from None
            problem = str(error)
        except sqlite3.DatabaseError as error:
            problem = str(error)
        if problem is not None:
            shutil.copyfile(database, partial)
        fsync_file(partial)
        os.link(partial, target)
    if problem is not None:
        for suffix in ("-wal", "-shm"):
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                with partial_file(target.with_name(target.name + suffix)) as raw:
                    shutil.copyfile(companion, raw)
                    os.link(raw, target.with_name(target.name + suffix))
    fsync_directory(backups)
    return target, problem is not None


def _in_use(database: Path) -> str:
    return (
        f"another program has {database} open (a `wayfinder serve` of an older version, a "
        "quick capture, an sqlite3 shell): close it and try again"
    )


def _companions(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]


def _restore_into(live_path: Path, staged: Path) -> None:
    """Copy `staged` into the sound database at `live_path` through the backup API."""
    try:
        with closing(_connect(live_path)) as live, closing(_connect(staged)) as src:
            # Out of WAL mode first: SQLite folds the -wal in and removes it and the -shm,
            # and only does so when no other connection has the database open.
            if live.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
                raise RestoreError(_in_use(live_path))
            src.backup(live)
            live.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise RestoreError(_in_use(live_path)) from None
        raise


def _replace(live_path: Path, staged: Path) -> None:
    """Put `staged` in place of a damaged or missing database, stale -wal/-shm removed
    first (they belong to the old file and would be replayed into the new one)."""
    for companion in _companions(live_path):
        companion.unlink(missing_ok=True)
    fsync_file(staged)
    os.replace(staged, live_path)
    fsync_directory(live_path.parent)
    with closing(_connect(live_path)) as live:
        live.execute("PRAGMA journal_mode=WAL")


def database_restore(
    *,
    source: Path,
    database: Path,
    unknown_migrations: UnknownMigrations,
) -> RestoreResult:
    """Replace the SQLite database at `database` with the backup at `source`.

    Refuses (changing nothing) a file that is not a sound Wayfinder database, one written
    by a newer Wayfinder (`unknown_migrations` finds some), and a database a server
    has open. Keeps the current database in `backups/` of its folder first.
    """
    source, database = source.resolve(), database.absolute()
    if database.exists() and source.exists() and source.samefile(database):
        raise RestoreError(f"{source} is the database itself: restore from a backup of it")
    directory = database.parent
    safety: Path | None = None
    damaged = False
    with partial_file(database) as staged:
        _stage(source, staged, unknown_migrations)
        expected = _counts(staged)
        with _no_server(directory):
            if database.exists():
                safety, damaged = _safety_copy(database, directory / "backups")
            if database.exists() and not damaged:
                _restore_into(database, staged)
            else:
                _replace(database, staged)
    with closing(_connect(database)) as restored:
        problem = _check(restored)
        counts = table_counts(restored) if problem is None else {}
    if problem is not None or counts != expected:
        where = f"; the previous database is in {safety}" if safety else ""
        raise RestoreError(
            f"the restored database did not verify ({problem or 'row counts differ'}){where}"
        )
    return RestoreResult(safety_copy=safety, damaged=damaged, counts=counts)


def _counts(path: Path) -> dict[str, int]:
    with closing(_connect(path, read_only=True)) as connection:
        return table_counts(connection)
