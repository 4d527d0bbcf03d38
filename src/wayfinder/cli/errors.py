"""Turning exceptions from the database or the system into one readable line.

Kept free of Django imports (quick capture uses it): database errors are recognised
through the driver modules already loaded, never by importing one.
"""

from __future__ import annotations

import sys


def error_line(error: BaseException) -> str:
    """The first line of an error's message: drivers add hints on further lines."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def is_database_error(error: BaseException) -> bool:
    """A DatabaseError of sqlite3, Django or psycopg (only those already imported)."""
    for name in ("sqlite3", "django.db.utils", "psycopg"):
        module = sys.modules.get(name)
        if module is not None and isinstance(error, module.DatabaseError):
            return True
    return False


def database_error_line(error: BaseException) -> str:
    """What went wrong with the database, and what the person can do about it."""
    text = error_line(error)
    lowered = text.lower()
    if "full" in lowered or "no space" in lowered:
        return f"the disk is full ({text}): free some space and try again"
    if "i/o error" in lowered:
        return f"the disk failed ({text}): check it has free space and works"
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return f"the database is damaged ({text}): restore it from a backup"
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return f"cannot write to the database ({text}): check the data directory is writable"
    if "locked" in lowered or "busy" in lowered:
        return f"the database is busy ({text}): try again in a moment"
    return f"cannot use the database: {text}"


def os_error_line(error: OSError) -> str:
    """`PATH: reason`, as the shell's own tools word it."""
    reason = error.strerror or error_line(error)
    if error.filename is None:
        return reason
    return f"{error.filename}: {reason}"
