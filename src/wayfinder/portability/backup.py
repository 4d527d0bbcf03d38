"""A consistent copy of the SQLite database, safe while the app and captures write.

SQLite's online backup API copies one snapshot of the database in a single step, whatever
is written meanwhile. Used by `wayfinder backup`, by `wayfinder init` before it migrates,
and by the "Your data" page. Plain `sqlite3`, no Django: the CLI calls it without setting
Django up.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from wayfinder.portability.partial_files import fsync_directory, fsync_file, partial_file


class BackupFailed(sqlite3.DatabaseError):
    """The copy was made but failed SQLite's own check; nothing is left under its name."""


def sqlite_backup(source: Path, target: Path) -> None:
    """Copy `source` to `target` (which must not exist) as one self-contained file.

    The copy is written as a hidden partial file beside the target, synced, then linked into
    place, so a killed backup never leaves a half copy under the target's name; the partial
    files a killed backup leaves are removed by the next one.
    """
    # The copy holds private notes: the partial file is readable by the owner only.
    with partial_file(target) as partial:
        src = sqlite3.connect(source, timeout=5)
        dst = sqlite3.connect(partial)
        try:
            src.execute("PRAGMA busy_timeout=5000")
            with dst:
                src.backup(dst)
            # One file, no -wal beside it, whatever mode the source ran in.
            dst.execute("PRAGMA journal_mode=DELETE")
            (verdict,) = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            src.close()
            dst.close()
        if verdict != "ok":
            raise BackupFailed(f"the copy failed its integrity check: {verdict}")
        fsync_file(partial)
        # A hard link fails if the target appeared meanwhile: never overwrite a backup.
        os.link(partial, target)
        fsync_directory(target.parent)
