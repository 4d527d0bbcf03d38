"""Any CSV of people, with a column-mapping step: which column holds which field.

`columns(raw)` lists the header so the owner can map it; `guess_mapping` proposes a
mapping from common header names; `parse(raw, mapping)` reads the rows with it.
"""

from __future__ import annotations

import csv
import io

from wayfinder.network.importers import Contact, ContactFileError, check_count, decode, full_name
from wayfinder.network.importers.linkedin import connected_on

# The fields a column can fill, and the header names that usually mean them.
FIELDS = {
    "name": ("name", "full name", "display name", "contact"),
    "first_name": ("first name", "given name", "firstname"),
    "last_name": ("last name", "family name", "surname", "lastname"),
    "email": ("email", "e-mail", "email address", "e-mail address", "e-mail 1 - value"),
    "url": ("url", "website", "profile url", "linkedin", "web page"),
    "organisation": ("organisation", "organization", "company", "employer"),
    "title": ("title", "position", "job title", "role"),
    "function": ("function", "department", "team"),
    "connected_on": ("connected on", "met on", "date"),
}


def _rows(raw: bytes):  # a csv reader (its class is not public)
    return csv.reader(io.StringIO(decode(raw), newline=""))


def columns(raw: bytes) -> list[str]:
    """The header's column names, in order."""
    try:
        header = next(_rows(raw), None)
    except csv.Error as error:
        raise ContactFileError(f"line 1: {error}") from None
    if not header or not any(cell.strip() for cell in header):
        raise ContactFileError("the file has no header line naming its columns")
    return [cell.strip() for cell in header]


def guess_mapping(header: list[str]) -> dict[str, str]:
    """field → column, for the columns whose names say what they hold."""
    mapping: dict[str, str] = {}
    for column in header:
        key = " ".join(column.casefold().replace("_", " ").split())
        for field, names in FIELDS.items():
            if key in names and field not in mapping:
                mapping[field] = column
                break
    return mapping


def check_mapping(header: list[str], mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ContactFileError(f"unknown field {unknown[0]!r}: use one of {', '.join(FIELDS)}")
    absent = [column for column in mapping.values() if column not in header]
    if absent:
        raise ContactFileError(f"the file has no column {absent[0]!r}")
    if not ({"name", "first_name", "last_name"} & set(mapping)):
        raise ContactFileError("choose the column that holds the name (or first and last name)")


def parse(raw: bytes, mapping: dict[str, str] | None = None) -> list[Contact]:
    header = columns(raw)
    mapping = guess_mapping(header) if mapping is None else mapping
    check_mapping(header, mapping)
    at = {field: header.index(column) for field, column in mapping.items()}
    reader = _rows(raw)
    contacts: list[Contact] = []
    try:
        next(reader)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def cell(field: str, row: list[str] = row) -> str:
                index = at.get(field)
                if index is None or index >= len(row):
                    return ""
                return " ".join(row[index].split())

            name = full_name(cell("first_name"), cell("last_name"), cell("name"))
            if not name:
                raise ContactFileError(f"line {line}: this row has no name")
            contacts.append(
                Contact(
                    name=name,
                    email=cell("email"),
                    url=cell("url"),
                    organisation=cell("organisation"),
                    title=cell("title"),
                    function=cell("function"),
                    connected_on=connected_on(cell("connected_on"), line),
                    line=line,
                )
            )
            check_count(len(contacts))
    except csv.Error as error:
        raise ContactFileError(f"line {reader.line_num}: {error}") from None
    return contacts
