"""Writes for people, their roles and interactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import Any, TypedDict, Unpack, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Lower

from wayfinder.core import parsing
from wayfinder.core.checks import ensure_owned, ensure_storable, max_length, reject_unknown
from wayfinder.core.models import Profile
from wayfinder.network.matching import close_names, normalise_name, several_called_message
from wayfinder.network.models import (
    Influence,
    Interaction,
    InteractionKind,
    Person,
    PersonRole,
    Role,
)


class NetworkError(ValueError):
    """A request about people or interactions that cannot be carried out; says why."""


class AmbiguousPerson(NetworkError):
    """The typed name is not known but looks like someone who is."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        listed = ", ".join(repr(s) for s in suggestions)
        super().__init__(
            f"no one is called {name!r}; did you mean {listed}? "
            "Use the exact name, or --new to add a new person"
        )


def interaction_kind_parse(text: str) -> str:
    """The stored kind for what a person typed: 'coffee', '1:1', 'mentoring'..."""
    try:
        return parsing.interaction_kind_parse(text)
    except parsing.InputError as error:
        raise NetworkError(str(error)) from None


def person_find_or_create(*, owner: Profile, name: str, allow_new: bool = False) -> Person:
    """The person with this name (any case); a new one unless the name looks like a known one."""
    return person_get_or_create(owner=owner, name=name, allow_new=allow_new)[0]


def person_get_or_create(
    *, owner: Profile, name: str, allow_new: bool = False
) -> tuple[Person, bool]:
    """As person_find_or_create, and whether the person is new.

    `allow_new` (`met --new`) always adds a new person: a namesake of anyone with the
    same name. Two captures naming the same new person at once make one person: the
    unique constraint on the name decides, and the one that loses finds the winner's row.
    """
    clean = " ".join(name.split())
    if not clean:
        raise NetworkError("a person needs a name")
    ensure_storable(Person(owner=owner, name=clean), error=NetworkError)
    known = list(Person.objects.for_owner(owner).values_list("name", "namesake"))
    wanted = normalise_name(clean)
    same = [namesake for known_name, namesake in known if normalise_name(known_name) == wanted]
    if allow_new:
        return person_create_namesake(owner=owner, name=clean, taken=same), True
    if len(same) > 1:
        raise NetworkError(several_called_message(clean, len(same)))
    if same:
        # The name was just read from the owner's people, so the row is there.
        found = next(n for n, _ in known if normalise_name(n) == wanted)
        return cast(Person, Person.objects.for_owner(owner).filter(name=found).first()), False
    suggestions = close_names(clean, [known_name for known_name, _ in known])
    if suggestions:
        raise AmbiguousPerson(clean, suggestions)
    try:
        with transaction.atomic():
            return Person.objects.create(owner=owner, name=clean), True
    except IntegrityError:
        return _same_name(owner, clean).get(), False


def person_create_namesake(*, owner: Profile, name: str, taken: list[int], **fields: Any) -> Person:
    """A new person called `name`, kept apart from the people who already have it.

    `taken` holds the namesake numbers of those people; the new one takes the next.
    Should another write take that number first, the next free one is tried.
    """
    namesake = max(taken, default=-1) + 1
    for _ in range(5):
        try:
            with transaction.atomic():
                return Person.objects.create(owner=owner, name=name, namesake=namesake, **fields)
        except IntegrityError:
            namesake = (
                max(_same_name(owner, name).values_list("namesake", flat=True), default=-1) + 1
            )
    raise NetworkError(f"could not add another person called {name!r}; try again")


def _same_name(owner: Profile, name: str):
    """The owner's people whose name equals `name` as the unique constraint compares them."""
    return (
        Person.objects.for_owner(owner)
        .alias(lowered=Lower("name"))
        .filter(lowered=Lower(Value(name, output_field=CharField())))
    )


@transaction.atomic
def interaction_log(
    *,
    owner: Profile,
    people: list[Person],
    occurred_on: dt.date,
    kind: str = InteractionKind.OTHER,
    notes: str = "",
    follow_ups: str = "",
    follow_up_due: dt.date | None = None,
) -> Interaction:
    if not people:
        raise NetworkError("an interaction needs at least one person")
    if any(person.owner_id != owner.id for person in people):
        raise NetworkError("an interaction can only involve your own people")
    interaction = Interaction.objects.create(
        owner=owner,
        occurred_on=occurred_on,
        kind=kind,
        notes=notes,
        follow_ups=follow_ups,
        follow_up_due=follow_up_due,
    )
    interaction.people.set(people)
    return interaction


# Relative levels the model allows: five below the owner to six above.
LEVEL_MIN, LEVEL_MAX = -5, 6
# Ten years: a longer cadence is not a cadence.
CADENCE_MAX_DAYS = 3650


_ensure_owned = partial(ensure_owned, error=NetworkError)


def _clean_name(owner: Profile, name: str, *, exclude: Person | None = None) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise NetworkError("a person needs a name")
    limit = max_length(Person, "name")
    if len(clean) > limit:
        raise NetworkError(f"keep a name under {limit} characters")
    # Capture finds people by name, so two people with one name would be ambiguous.
    others = Person.objects.for_owner(owner)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    wanted = normalise_name(clean)
    if any(normalise_name(n) == wanted for n in others.values_list("name", flat=True)):
        raise NetworkError(f"there is already someone called {clean!r}")
    return clean


def _check_person_fields(fields: Mapping[str, Any]) -> None:
    if "relative_level" in fields:
        level = fields["relative_level"]
        if isinstance(level, bool) or not isinstance(level, int):
            raise NetworkError("the relative level is a whole number: you 0, manager +1")
        if not LEVEL_MIN <= level <= LEVEL_MAX:
            raise NetworkError(
                f"the relative level must be between {LEVEL_MIN} and +{LEVEL_MAX} "
                f"(got {level}): you are 0, your manager +1, your reports -1"
            )
    if "influence" in fields and fields["influence"] not in Influence.values:
        raise NetworkError(
            f"unknown influence {fields['influence']!r}: use one of {', '.join(Influence.values)}"
        )
    cadence = fields.get("cadence_days")
    if cadence is not None:
        if isinstance(cadence, bool) or not isinstance(cadence, int) or cadence < 1:
            raise NetworkError("a cadence is a positive number of days, or none")
        if cadence > CADENCE_MAX_DAYS:
            raise NetworkError(f"keep a cadence under {CADENCE_MAX_DAYS} days")
    if fields.get("email"):
        try:
            validate_email(fields["email"])
        except ValidationError:
            raise NetworkError(f"{fields['email']!r} is not an email address") from None
    if fields.get("url"):
        try:
            URLValidator()(fields["url"])
        except ValidationError:
            raise NetworkError(f"{fields['url']!r} is not a web address") from None


@transaction.atomic
def person_create(
    *,
    owner: Profile,
    name: str,
    title: str = "",
    organisation: str = "",
    function: str = "",
    relative_level: int = 0,
    influence: str = Influence.MEDIUM,
    cadence_days: int | None = None,
    email: str = "",
    url: str = "",
    notes: str = "",
    private_notes: str = "",
) -> Person:
    """Add someone to the network; the name must not already be taken."""
    fields = {
        "title": title.strip(),
        "organisation": organisation.strip(),
        "function": " ".join(function.split()),
        "relative_level": relative_level,
        "influence": influence,
        "cadence_days": cadence_days,
        "email": email.strip(),
        "url": url.strip(),
        "notes": notes.strip(),
        "private_notes": private_notes.strip(),
    }
    _check_person_fields(fields)
    clean = _clean_name(owner, name)
    try:
        with transaction.atomic():
            return Person.objects.create(owner=owner, name=clean, **fields)
    except IntegrityError:
        raise NetworkError(f"there is already someone called {clean!r}") from None


class PersonChanges(TypedDict, total=False):
    name: str
    title: str
    organisation: str
    function: str
    relative_level: int
    influence: str
    cadence_days: int | None
    email: str
    url: str
    notes: str
    private_notes: str


@transaction.atomic
def person_update(*, owner: Profile, person: Person, **changes: Unpack[PersonChanges]) -> Person:
    """Change what is known about a person; only the fields given change."""
    _ensure_owned(owner, person, "person")
    reject_unknown(changes, PersonChanges)
    # A namesake kept apart by an import or `met --new` keeps its shared name on an edit.
    if "name" in changes and normalise_name(changes["name"]) != normalise_name(person.name):
        changes["name"] = _clean_name(owner, changes["name"], exclude=person)
    if "function" in changes:
        changes["function"] = " ".join(changes["function"].split())
    _check_person_fields(changes)
    for field, value in changes.items():
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise NetworkError(f"there is already someone called {person.name!r}") from None
    return person


@transaction.atomic
def person_archive(*, owner: Profile, person: Person) -> Person:
    """Take someone out of the active network; their history stays."""
    _ensure_owned(owner, person, "person")
    person.is_active = False
    person.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_restore(*, owner: Profile, person: Person) -> Person:
    """Bring an archived person back into the active network."""
    _ensure_owned(owner, person, "person")
    person.is_active = True
    person.save(update_fields=["is_active"])
    return person


@transaction.atomic
def person_delete(*, owner: Profile, person: Person) -> None:
    """Forget a person, with their roles; interactions stay for the others in them."""
    _ensure_owned(owner, person, "person")
    person.delete()


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise NetworkError(f"unknown role {role!r}: use one of {', '.join(Role.values)}")


@transaction.atomic
def role_assign(
    *, owner: Profile, person: Person, role: str, started_on: dt.date | None = None
) -> PersonRole:
    """Say that a person plays a role for the owner; an ended role can be taken up again."""
    _ensure_owned(owner, person, "person")
    _check_role(role)
    label = Role(role).label.lower()
    already = NetworkError(f"{person.name} is already your {label}")
    held = (
        PersonRole.objects.for_owner(owner)
        .select_for_update()
        .filter(person=person, role=role)
        .first()
    )
    if held is None:
        try:
            # Nothing to lock yet: the unique (person, role) decides between two at once.
            with transaction.atomic():
                return PersonRole.objects.create(
                    owner=owner, person=person, role=role, started_on=started_on
                )
        except IntegrityError:
            raise already from None
    if held.ended_on is None:
        raise already
    held.started_on = started_on
    held.ended_on = None
    held.save(update_fields=["started_on", "ended_on"])
    return held


@transaction.atomic
def role_end(*, owner: Profile, person: Person, role: str, today: dt.date) -> PersonRole:
    """Record that a person no longer plays a role, as of `today`."""
    _ensure_owned(owner, person, "person")
    _check_role(role)
    held = (
        PersonRole.objects.for_owner(owner)
        .select_for_update()
        .filter(person=person, role=role, ended_on__isnull=True)
        .first()
    )
    label = Role(role).label.lower()
    if held is None:
        raise NetworkError(f"{person.name} is not your {label}")
    if held.started_on is not None and today < held.started_on:
        raise NetworkError(
            f"{person.name} became your {label} on {held.started_on}; "
            "the role cannot end before that"
        )
    held.ended_on = today
    held.save(update_fields=["ended_on"])
    return held


class InteractionChanges(TypedDict, total=False):
    occurred_on: dt.date
    kind: str
    people: list[Person]
    notes: str
    follow_ups: str
    follow_up_due: dt.date | None


@transaction.atomic
def interaction_update(
    *, owner: Profile, interaction: Interaction, **changes: Unpack[InteractionChanges]
) -> Interaction:
    """Correct an interaction; only the fields given change."""
    _ensure_owned(owner, interaction, "interaction")
    reject_unknown(changes, InteractionChanges)
    people = changes.pop("people", None)
    if people is not None:
        if not people:
            raise NetworkError("an interaction needs at least one person")
        if any(person.owner_id != owner.id for person in people):
            raise NetworkError("an interaction can only involve your own people")
    if "kind" in changes and changes["kind"] not in InteractionKind.values:
        raise NetworkError(f"unknown kind {changes['kind']!r}")
    for field, value in changes.items():
        setattr(interaction, field, value.strip() if isinstance(value, str) else value)
    interaction.save()
    if people is not None:
        interaction.people.set(people)
    return interaction


@transaction.atomic
def interaction_delete(*, owner: Profile, interaction: Interaction) -> None:
    _ensure_owned(owner, interaction, "interaction")
    interaction.delete()
