"""A count with its noun, as people write it: "1 level", "2 levels", "1 person", "3 people"."""

from __future__ import annotations


def count_of(n: int, word: str, plural: str | None = None) -> str:
    """`n` and `word`, in the plural unless `n` is exactly one (`plural` when not `word`+s)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
