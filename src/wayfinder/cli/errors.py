"""Turning exceptions from the database or the system into one readable line."""

from __future__ import annotations


def error_line(error: BaseException) -> str:
    """The first line of an error's message: drivers add hints on further lines."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
