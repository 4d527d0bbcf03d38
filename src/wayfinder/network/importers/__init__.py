"""Reading people from files others made: LinkedIn's Connections.csv, any CSV, vCards.

Each reader turns a file into `Contact` records and nothing else: matching them to the
owner's people and writing them is `network.people_import`. A reader raises
`ContactFileError` with a sentence for a file it cannot read; it never writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A file is read whole in memory: the upload limit caps it, and this caps its rows.
MAX_CONTACTS = 20_000


class ContactFileError(ValueError):
    """The file cannot be read as contacts; says why (and where, when it can)."""


@dataclass(frozen=True)
class Contact:
    """One person as a file gives them; every text on one line, "" when absent."""

    name: str
    email: str = ""
    url: str = ""
    organisation: str = ""
    title: str = ""
    function: str = ""
    connected_on: dt.date | None = None
    line: int = 0  # where the person starts in the file, for messages


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else a sentence."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContactFileError("the file is not UTF-8 text; export it again as UTF-8") from None


def full_name(first: str, last: str, fallback: str = "") -> str:
    return " ".join(" ".join([first, last]).split()) or " ".join(fallback.split())


def check_count(count: int) -> None:
    if count > MAX_CONTACTS:
        raise ContactFileError(f"the file holds more than {MAX_CONTACTS:,} people; split it")
