"""What apps above network add to a person's page, without network importing them.

network sits below wins: a win names its collaborators and its audience, who are people
of this app. So the person page cannot import wins; instead wins registers a section
when it starts (in its AppConfig.ready): a template and a function that reads, through
its own selectors, what it shows for one person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wayfinder.core.models import Profile
from wayfinder.network.models import Person


@dataclass(frozen=True)
class PersonSection:
    template: str
    # Called with owner= and person=; gives the template's `section` values.
    read: Callable[..., dict[str, Any]]


_SECTIONS: list[PersonSection] = []


def person_section_register(section: PersonSection) -> None:
    """Add a section to every person's page, below the timeline (once per template)."""
    if all(s.template != section.template for s in _SECTIONS):
        _SECTIONS.append(section)


def person_sections(*, owner: Profile, person: Person) -> list[dict[str, Any]]:
    """The registered sections for this person: each a template and what it shows."""
    return [
        {"template": s.template, "values": s.read(owner=owner, person=person)} for s in _SECTIONS
    ]
