"""Files written under a temporary name first, and the leftovers of writers that were killed.

A backup or a restore writes its copy as a hidden `.NAME.<random>.partial` file in the folder of
the final file (so the final rename stays on one file system), holding an advisory lock on
it while it writes. A leftover that nobody holds a lock on was left by a killed writer and
is removed by the next run; a partial file another run is still writing is left alone.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUFFIX = ".partial"


def remove_stale_partials(directory: Path) -> list[Path]:
    """Remove the partial files in `directory` that no running writer holds; return them."""
    removed = []
    for leftover in sorted(directory.glob(f".*{SUFFIX}")):
        try:
            fd = os.open(leftover, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a backup or restore is writing it right now
        else:
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
        finally:
            os.close(fd)
    return removed


@contextmanager
def partial_file(final: Path) -> Iterator[Path]:
    """A new, empty, owner-only (0600) partial file beside `final`, locked while in use and
    removed on the way out whatever happens (the caller links or renames it into place)."""
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    remove_stale_partials(final.parent)
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=SUFFIX)
    path = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_directory(directory: Path) -> None:
    """Make a rename or link in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
