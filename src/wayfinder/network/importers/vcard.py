"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) files, as Google, Apple and Outlook export
them, read and written with `vobject`.

A person's name is FN (else N), organisation the first ORG unit, title TITLE, function
ROLE, email the first EMAIL (the preferred one when marked), URL the first URL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import vobject  # type: ignore[import-untyped]

from wayfinder.network.importers import Contact, ContactFileError, check_count, decode, full_name

# vobject prints a line it skips to stderr with its own handler: an unreadable line is
# passed over (as an address book does), and the command's one-line answers stay one line.
logging.getLogger("vobject.base").setLevel(logging.CRITICAL)


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list):  # ORG is a list of units; some writers give lists elsewhere
        value = value[0] if value else ""
    return " ".join(str(value).split())


def _preferred(card: Any, name: str) -> str:
    lines = card.contents.get(name, [])
    for line in lines:
        types = [t.casefold() for t in line.params.get("TYPE", [])]
        if "pref" in types or line.params.get("PREF"):
            return _text(line.value)
    return _text(lines[0].value) if lines else ""


def _name(card: Any) -> str:
    for value in _values(card, "fn"):
        if _text(value):
            return _text(value)
    for value in _values(card, "n"):
        if hasattr(value, "given"):
            return full_name(_text(value.given), _text(value.family))
    return ""


def parse(raw: bytes) -> list[Contact]:
    text = decode(raw)
    if "BEGIN:VCARD" not in text.upper():
        raise ContactFileError("no BEGIN:VCARD line: is this a .vcf file?")
    contacts: list[Contact] = []
    number = 0
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            number += 1
            if card.name.upper() != "VCARD":
                continue
            name = _name(card)
            if not name:
                raise ContactFileError(f"card {number} has no name (FN or N)")
            contacts.append(
                Contact(
                    name=name,
                    email=_preferred(card, "email"),
                    url=_preferred(card, "url"),
                    organisation=_text(next(iter(_values(card, "org")), "")),
                    title=_text(next(iter(_values(card, "title")), "")),
                    function=_text(next(iter(_values(card, "role")), "")),
                    line=number,
                )
            )
            check_count(len(contacts))
    except ContactFileError:
        raise
    except Exception as error:  # vobject raises many kinds of error on broken input
        raise ContactFileError(f"card {number + 1} cannot be read: {error}") from None
    if not contacts:
        raise ContactFileError("the file holds no vCard")
    return contacts


def people_vcards(people: Iterable[Any]) -> str:
    """The people as vCard 3.0 text, one card each (name, organisation, title, email, URL)."""
    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("fn").value = person.name
        given, _, family = person.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if person.organisation:
            card.add("org").value = [person.organisation]
        if person.title:
            card.add("title").value = person.title
        if person.function:
            card.add("role").value = person.function
        if person.email:
            email = card.add("email")
            email.value = person.email
            email.type_param = "INTERNET"
        if person.url:
            card.add("url").value = person.url
        cards.append(card.serialize())
    return "".join(cards)
