"""Pages for people, their roles and interactions."""

from __future__ import annotations


def sentence(error: Exception) -> str:
    """A service's error message as a sentence for the page; names keep their capitals."""
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
