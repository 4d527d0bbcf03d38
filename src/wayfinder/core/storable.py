"""What the databases can store as text: no NUL character, no lone surrogate.

PostgreSQL refuses a NUL in text outright, and a lone surrogate (what bytes that are not
UTF-8 become when decoded with `surrogateescape`, or a JSON "\\ud800") cannot be encoded for
either database. Free of Django, so quick capture and the CLI can use it too.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored, in words for the person who typed it, or None."""
    if "\x00" in text:
        return "contains a NUL character (\\x00), which cannot be stored"
    if _SURROGATE.search(text):
        return "is not valid Unicode text (it holds a lone surrogate), which cannot be stored"
    return None
