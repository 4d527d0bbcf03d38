"""LinkedIn's "Connections.csv" (Settings → Data privacy → Get a copy of your data).

The file starts with a "Notes:" preamble (a quoted paragraph and a blank line) above the
header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, often
with a byte-order mark. Fields are quoted when they hold commas or line breaks; the
email is empty unless the connection shares it; dates read like `14 Feb 2025`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from wayfinder.network.importers import Contact, ContactFileError, check_count, decode, full_name

HEADER_START = "first name,"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def connected_on(text: str, line: int) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ContactFileError(f"line {line}: {text!r} is not a date like 14 Feb 2025")


def _header_offset(text: str) -> tuple[int, int]:
    """Where the header starts (characters, line number), past any preamble."""
    offset, number = 0, 1
    for line in text.splitlines(keepends=True):
        if line.lstrip().casefold().startswith(HEADER_START):
            return offset, number
        offset += len(line)
        number += 1
    raise ContactFileError(
        "no header line starting with 'First Name,' was found: is this LinkedIn's Connections.csv?"
    )


def parse(raw: bytes) -> list[Contact]:
    text = decode(raw)
    offset, first_line = _header_offset(text)
    reader = csv.reader(io.StringIO(text[offset:], newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
        missing = [c for c in ("First Name", "Last Name") if c not in header]
        if missing:
            raise ContactFileError(f"the header has no {' or '.join(missing)} column")
        index = {name: header.index(name) for name in COLUMNS if name in header}
        contacts: list[Contact] = []
        for row in reader:
            line = first_line + reader.line_num - 1
            if not any(cell.strip() for cell in row):
                continue

            def cell(column: str, row: list[str] = row) -> str:
                at = index.get(column)
                return " ".join(row[at].split()) if at is not None and at < len(row) else ""

            name = full_name(cell("First Name"), cell("Last Name"))
            if not name:
                # LinkedIn leaves the names of some connections out (privacy settings).
                continue
            contacts.append(
                Contact(
                    name=name,
                    email=cell("Email Address"),
                    url=cell("URL"),
                    organisation=cell("Company"),
                    title=cell("Position"),
                    connected_on=connected_on(cell("Connected On"), line),
                    line=line,
                )
            )
            check_count(len(contacts))
    except csv.Error as error:
        raise ContactFileError(f"line {first_line + reader.line_num - 1}: {error}") from None
    return contacts
