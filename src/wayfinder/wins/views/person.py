"""The wins part of a person's page (network's page; registered in WinsConfig.ready)."""

from __future__ import annotations

from typing import Any

from wayfinder.core.models import Profile
from wayfinder.network.models import Person
from wayfinder.wins.selectors import wins_known_by, wins_with_collaborator


def person_wins(*, owner: Profile, person: Person) -> dict[str, Any]:
    """The wins this person knows about, and the ones you did together."""
    return {
        "known": wins_known_by(owner=owner, person=person),
        "collaborated": wins_with_collaborator(owner=owner, person=person),
    }
