"""Bringing people in from a file: a preview first, then all of it or nothing.

The preview pairs each contact with the owner's person it matches, by profile URL, then
email, then name compared without case or accents, and proposes a choice: a new person
for no match, a merge for a match. The owner may change each match's choice to keep
apart (a new namesake) or skip. Applying writes every choice in one transaction.

Imported people carry the title, organisation and function the file gives; their
relative level is left unset for the owner to place (`people_to_place`). A contact's
connected-on date becomes an interaction, "connected on LinkedIn".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from wayfinder.core.models import Profile
from wayfinder.network.importers import Contact, ContactFileError, linkedin, table, vcard
from wayfinder.network.matching import normalise_name
from wayfinder.network.models import Interaction, InteractionKind, Person
from wayfinder.network.services import NetworkError

CONNECTED_NOTE = "connected on LinkedIn"
FORMATS = ("linkedin", "csv", "vcard")


class Choice(StrEnum):
    NEW = "new"
    MERGE = "merge"
    APART = "apart"
    SKIP = "skip"


@dataclass
class Entry:
    contact: Contact
    match: Person | None = None
    matched_by: str = ""  # "URL", "email" or "name"
    choice: Choice = Choice.NEW
    warnings: list[str] = field(default_factory=list)

    @property
    def is_match(self) -> bool:
        return self.match is not None


@dataclass
class ImportPreview:
    entries: list[Entry]

    @property
    def new(self) -> list[Entry]:
        return [e for e in self.entries if not e.is_match]

    @property
    def matches(self) -> list[Entry]:
        return [e for e in self.entries if e.is_match]


def format_guess(name: str, raw: bytes) -> str:
    """linkedin, csv or vcard, from the file's name and first bytes."""
    head = raw[:4096].decode("utf-8", "ignore").lstrip("\ufeff").lstrip()
    if name.casefold().endswith((".vcf", ".vcard")) or head.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if head.startswith("Notes:") or head.casefold().startswith("first name,last name,url"):
        return "linkedin"
    return "csv"


def contacts_read(raw: bytes, *, file_format: str, mapping: Mapping[str, str] | None = None):
    """The file's contacts, or NetworkError with a sentence; reads only."""
    if file_format not in FORMATS:
        raise NetworkError(f"unknown format {file_format!r}: use one of {', '.join(FORMATS)}")
    try:
        if file_format == "linkedin":
            return linkedin.parse(raw)
        if file_format == "vcard":
            return vcard.parse(raw)
        return table.parse(raw, dict(mapping) if mapping is not None else None)
    except ContactFileError as error:
        raise NetworkError(str(error)) from None


def name_key(name: str) -> str:
    """A name compared without case, spacing or accents: "José" is "jose"."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def url_key(url: str) -> str:
    url = url.strip().casefold().removeprefix("https://").removeprefix("http://")
    return url.removeprefix("www.").rstrip("/")


def _clean(contact: Contact) -> tuple[Contact, list[str]]:
    """The contact with an email or URL the model would refuse left out, and why."""
    warnings = []
    email, url = contact.email, contact.url
    if email:
        try:
            validate_email(email)
        except ValidationError:
            warnings.append(f"{email!r} is not an email address: left out")
            email = ""
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            warnings.append(f"{url!r} is not a web address: left out")
            url = ""
    limits = {f.name: f.max_length for f in Person._meta.concrete_fields if f.max_length}
    texts = {
        "name": contact.name,
        "title": contact.title,
        "organisation": contact.organisation,
        "function": contact.function,
    }
    cut: dict[str, str] = {}
    for key, value in texts.items():
        if len(value) > limits[key]:
            warnings.append(f"the {key} is cut to {limits[key]} characters")
            cut[key] = value[: limits[key]].rstrip()
    if email == contact.email and url == contact.url and not cut:
        return contact, warnings
    return (
        replace(
            contact,
            email=email,
            url=url,
            name=cut.get("name", contact.name),
            title=cut.get("title", contact.title),
            organisation=cut.get("organisation", contact.organisation),
            function=cut.get("function", contact.function),
        ),
        warnings,
    )


def people_import_preview(*, owner: Profile, contacts: Sequence[Contact]) -> ImportPreview:
    """Each contact with the person it matches (URL, then email, then name) and a choice.

    Two queries' worth of reading: the owner's people are loaded once and indexed.
    """
    people = list(Person.objects.for_owner(owner).order_by("namesake", "id"))
    by_url = {url_key(p.url): p for p in reversed(people) if p.url}
    by_email = {p.email.casefold(): p for p in reversed(people) if p.email}
    by_name = {name_key(p.name): p for p in reversed(people)}
    entries = []
    # A name alone is weak: once a person is matched, another contact of the same name
    # (two people called Alex Kim in one file) is someone else unless URL or email says so.
    claimed: set[int] = set()
    for raw_contact in contacts:
        contact, warnings = _clean(raw_contact)
        entry = Entry(contact=contact, warnings=warnings)
        if contact.url and (found := by_url.get(url_key(contact.url))):
            entry.match, entry.matched_by = found, "URL"
        elif contact.email and (found := by_email.get(contact.email.casefold())):
            entry.match, entry.matched_by = found, "email"
        elif (found := by_name.get(name_key(contact.name))) and found.pk not in claimed:
            entry.match, entry.matched_by = found, "name"
        if entry.match is not None:
            entry.choice = Choice.MERGE
            claimed.add(entry.match.pk)
        entries.append(entry)
    return ImportPreview(entries)


def preview_choose(preview: ImportPreview, choices: Mapping[int, str]) -> None:
    """Set the owner's choice for matches, by entry index: merge, apart or skip."""
    allowed = {Choice.MERGE, Choice.APART, Choice.SKIP}
    for index, choice in choices.items():
        if not 0 <= index < len(preview.entries):
            raise NetworkError(f"there is no entry {index + 1} in this import")
        entry = preview.entries[index]
        if choice == Choice.SKIP and not entry.is_match:
            entry.choice = Choice.SKIP
            continue
        if not entry.is_match or choice not in allowed:
            raise NetworkError(
                f"entry {index + 1}: choose merge, apart or skip for a match, or skip"
            )
        entry.choice = Choice(choice)


@dataclass(frozen=True)
class ImportResult:
    created: int
    merged: int
    skipped: int


def _merge(person: Person, contact: Contact) -> list[str]:
    """Fill what the person lacks from the contact; what the owner wrote stays.

    Returns the fields it filled."""
    changed = []
    for name in ("email", "url", "organisation", "title", "function"):
        value = getattr(contact, name)
        if value and not getattr(person, name):
            setattr(person, name, value)
            changed.append(name)
    return changed


# Rows written per statement: well under SQLite's limit of variables per statement.
BATCH = 500


@transaction.atomic
def people_import_apply(*, owner: Profile, preview: ImportPreview) -> ImportResult:
    """Write the preview's choices: everything, or (on any refusal) nothing.

    Written in batches (a few statements per batch of people, as many per batch as the
    database takes in one statement), inside one transaction. New namesake numbers are
    taken from the people read here; should a concurrent write take one first, the unique
    constraint refuses the whole import and nothing is written.
    """
    mine = Person.objects.for_owner(owner)
    taken: dict[str, list[int]] = {}
    for name, namesake in mine.values_list("name", "namesake"):
        taken.setdefault(normalise_name(name), []).append(namesake)
    connected = set(mine.filter(interactions__notes=CONNECTED_NOTE).values_list("pk", flat=True))
    merging = {e.match.pk for e in preview.entries if e.choice == Choice.MERGE and e.match}
    current = {p.pk: p for p in mine.filter(pk__in=merging)} if merging else {}
    new: list[tuple[Person, Contact]] = []
    merged: list[tuple[Person, Contact]] = []
    changed_fields: set[str] = set()
    skipped = 0
    for entry in preview.entries:
        contact = entry.contact
        if entry.choice == Choice.SKIP:
            skipped += 1
        elif entry.choice == Choice.MERGE and entry.match is not None:
            person = current.get(entry.match.pk)
            if person is None:
                raise NetworkError(
                    f"{entry.match.name} was removed since the preview; preview the file again"
                )
            filled = _merge(person, contact)
            if filled:
                person.updated_at = timezone.now()
                changed_fields.update(filled)
            merged.append((person, contact))
        else:
            key = normalise_name(contact.name)
            namesake = max(taken.get(key, []), default=-1) + 1
            taken.setdefault(key, []).append(namesake)
            person = Person(
                owner=owner,
                name=" ".join(contact.name.split()),
                namesake=namesake,
                title=contact.title,
                organisation=contact.organisation,
                function=" ".join(contact.function.split()),
                email=contact.email,
                url=contact.url,
                relative_level=None,
            )
            new.append((person, contact))
    try:
        with transaction.atomic():
            Person.objects.bulk_create([p for p, _ in new], batch_size=BATCH)
    except IntegrityError:
        raise NetworkError(
            "someone was added with one of these names meanwhile; preview the file again"
        ) from None
    if changed_fields:
        people = list({p.pk: p for p, _ in merged}.values())
        Person.objects.bulk_update(
            people, [*sorted(changed_fields), "updated_at"], batch_size=BATCH
        )
    _connect_all(owner, [*new, *merged], known=connected)
    return ImportResult(created=len(new), merged=len(merged), skipped=skipped)


def _connect_all(owner: Profile, pairs: list[tuple[Person, Contact]], *, known: set[int]) -> None:
    """A first interaction "connected on LinkedIn" for each person not yet connected."""
    firsts: list[tuple[Interaction, Person]] = []
    for person, contact in pairs:
        if contact.connected_on is None or person.pk in known:
            continue
        known.add(person.pk)
        interaction = Interaction(
            owner=owner,
            occurred_on=contact.connected_on,
            kind=InteractionKind.OTHER,
            notes=CONNECTED_NOTE,
        )
        firsts.append((interaction, person))
    Interaction.objects.bulk_create([i for i, _ in firsts], batch_size=BATCH)
    through = Interaction.people.through
    through.objects.bulk_create(
        [through(interaction_id=i.pk, person_id=p.pk) for i, p in firsts], batch_size=BATCH
    )


def people_to_place(*, owner: Profile):
    """Active people whose relative level is not set yet: most imported people."""
    return Person.objects.for_owner(owner).filter(is_active=True, relative_level__isnull=True)


def preview_lines(preview: ImportPreview) -> list[str]:
    """The preview as text, one line per person (the CLI prints it)."""
    lines = [f"{len(preview.new)} new, {len(preview.matches)} matching people you know:"]
    for number, entry in enumerate(preview.entries, start=1):
        c = entry.contact
        about = ", ".join(x for x in (c.title, c.organisation) if x)
        about = f" ({about})" if about else ""
        if entry.match is not None:
            what = f"{entry.choice.value} with {entry.match.name} (same {entry.matched_by})"
        else:
            what = "new" if entry.choice == Choice.NEW else entry.choice.value
        lines.append(f"  {number}. {c.name}{about}: {what}")
        lines.extend(f"     note: {w}" for w in entry.warnings)
    return lines
