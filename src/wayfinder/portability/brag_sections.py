"""What a brag document's headings are, by their words: a section that is not wins (goals,
plans, next steps, learning, courses), a heading that groups wins ("Side projects"), or,
under a period, a win of its own ("### Migrated billing to the new platform").

The lists are words people use in brag documents and their templates; a heading counts
as a section or a group only when every word it has (past periods, possessives such as
"Julia's" and small words) is in them, so "Launched the machine learning platform" stays
a win.
"""

from __future__ import annotations

import re
from typing import Literal

from wayfinder.plan.models import ActionKind
from wayfinder.portability.brag_periods import MONTHS

Offer = tuple[Literal["goal", "action"], str]  # the kind, and a development action's type

_GOAL: Offer = ("goal", "")
_ACTION: Offer = ("action", ActionKind.OTHER)
_COURSE: Offer = ("action", ActionKind.COURSE)
_READING: Offer = ("action", ActionKind.READING)


def _words(text: str) -> list[str]:
    """A word list written as the words, which reads best."""
    return text.split()


_SECTIONS: dict[str, Offer] = {
    **dict.fromkeys(_words("goal goals objective objectives aspiration aspirations okrs"), _GOAL),
    **dict.fromkeys(
        _words("plan plans planned planning upcoming steps todo to-do do later"), _ACTION
    ),
    **dict.fromkeys(
        _words(
            "learning learn learned learnt course courses training trainings certification "
            "certifications syllabus curriculum study"
        ),
        _COURSE,
    ),
    **dict.fromkeys(_words("reading books read"), _READING),
}
_GROUPS = frozenset(
    _words(
        "projects project side wins win accomplishments achievements highlights impact results "
        "collaboration mentorship mentoring design documentation docs company building outside "
        "work misc miscellaneous other others recognition feedback kudos praise awards talks "
        "writing open source community hiring interviewing interviews leadership summary "
        "overview notes context introduction intro about me key major big small technical team "
        "teamwork contributions responsibilities metrics initiatives things done shipped "
        "delivery operations ops customer customers sales marketing product engineering "
        "personal professional brag document doc log record"
    )
)
_SMALL = frozenset(
    _words(
        "a an and & the of for to in on my our this that next year years what i we you "
        "s i've ive have has been quarter month week coming up ahead future"
    )
)


def heading_words(name: str) -> list[str]:
    """A heading's words, without periods, possessives ("Julia's") and small words."""
    words = re.sub(r"[^\w'&-]+", " ", name.lower().replace("’", "'")).split()
    return [
        word
        for word in words
        if word not in _SMALL
        and word not in MONTHS
        and not word.endswith("'s")
        and not re.fullmatch(r"(?:fy)?'?\d+|[qh]\d|\d+(?:st|nd|rd|th)", word)
    ]


def section_of(name: str) -> Offer | None:
    """('goal', '') for 'Goals for next year', ('action', 'course') for 'Courses', or None
    for a heading that is not such a section."""
    words = heading_words(name)
    if not words or not all(word in _SECTIONS or word in _GROUPS for word in words):
        return None
    return next((_SECTIONS[word] for word in words if word in _SECTIONS), None)


def groups_wins(name: str) -> bool:
    """'Side projects', 'Collaboration & mentorship': a heading over wins, not a win."""
    return all(word in _GROUPS for word in heading_words(name))
