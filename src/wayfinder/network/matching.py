"""Matching a typed name to a known person: exact first, then close spellings.

Free of Django so quick capture can use it on rows it read itself.
"""

from __future__ import annotations

import difflib


def normalise_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def close_names(name: str, candidates: list[str], *, limit: int = 3) -> list[str]:
    """Known names that look like a typo or a shortening of `name`, best first."""
    wanted = normalise_name(name)
    by_key = {normalise_name(candidate): candidate for candidate in candidates}
    found = difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=0.75)
    # "Priya" should find "Priya Raman": a typed first name matches a full name.
    for key in by_key:
        if key not in found and len(found) < limit and key.split(" ")[0] == wanted:
            found.append(key)
    return [by_key[key] for key in found]


def several_called_message(name: str, count: int) -> str:
    """Worded once for both databases: capture cannot tell namesakes apart by name."""
    return (
        f"{count} people are called {name!r}; log this on the person's page, "
        "or use --new to add another"
    )
