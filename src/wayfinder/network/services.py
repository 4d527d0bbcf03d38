"""Writes for people, their roles and interactions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from wayfinder.core.models import Profile
from wayfinder.network.matching import close_names, normalise_name
from wayfinder.network.models import Interaction, InteractionKind, Person


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


INTERACTION_KIND_ALIASES = {
    "1:1": InteractionKind.ONE_ON_ONE,
    "1on1": InteractionKind.ONE_ON_ONE,
    "one-on-one": InteractionKind.ONE_ON_ONE,
    "info": InteractionKind.INFORMATIONAL,
    "informational-conversation": InteractionKind.INFORMATIONAL,
    "sponsor-check-in": InteractionKind.SPONSOR,
    "call": InteractionKind.MESSAGE,
}


def interaction_kind_parse(text: str) -> str:
    """The stored kind for what a person typed: 'coffee', '1:1', 'mentoring'..."""
    key = text.strip().lower().replace("_", "-")
    if key in INTERACTION_KIND_ALIASES:
        return INTERACTION_KIND_ALIASES[key]
    for value in InteractionKind.values:
        if key == value.replace("_", "-"):
            return value
    kinds = ", ".join(["1:1", *sorted(v for v in InteractionKind.values if v != "one_on_one")])
    raise NetworkError(f"unknown kind {text!r}: use one of {kinds}")


def person_find_or_create(*, owner: Profile, name: str, allow_new: bool = False) -> Person:
    """The person with this name (any case); a new one unless the name looks like a known one."""
    clean = " ".join(name.split())
    if not clean:
        raise NetworkError("a person needs a name")
    names = list(Person.objects.for_owner(owner).values_list("name", flat=True))
    for known in names:
        if normalise_name(known) == normalise_name(clean):
            return Person.objects.for_owner(owner).filter(name=known).first()
    suggestions = close_names(clean, names)
    if suggestions and not allow_new:
        raise AmbiguousPerson(clean, suggestions)
    return Person.objects.create(owner=owner, name=clean)


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
