"""Reading what a person typed on the command line: headlines, metrics, interaction kinds.

Free of Django so quick capture can use it; the PostgreSQL path uses the same functions so
both paths accept and refuse exactly the same input. Tests pin these rules to the models'
choices and to the services' parsers.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple


class InputError(ValueError):
    """Typed input Wayfinder cannot read; the message says what was expected."""


# Mirrors Win.title / Person.name max_length.
WIN_TITLE_MAX = 300
PERSON_NAME_MAX = 200
SKILL_NAME_MAX = 100
METRIC_UNIT_MAX = 30  # ImpactMetric.unit

# The stored values of network.models.InteractionKind, with how a confirmation names them.
INTERACTION_KINDS = {
    "one_on_one": "1:1",
    "coffee": "coffee",
    "informational": "informational conversation",
    "mentoring": "mentoring session",
    "sponsor": "sponsor check-in",
    "meeting": "meeting",
    "message": "message or call",
    "event": "event",
    "other": "interaction",
}

INTERACTION_KIND_ALIASES = {
    "1:1": "one_on_one",
    "1on1": "one_on_one",
    "one-on-one": "one_on_one",
    "info": "informational",
    "informational-conversation": "informational",
    "sponsor-check-in": "sponsor",
    "call": "message",
}


# A namedtuple, not typing.NamedTuple: quick capture never pays for importing `typing`.
Metric = namedtuple("Metric", "value unit")


# Possessive quantifiers: a long run of digits is read once, never backtracked over.
_METRIC_NUMBER = re.compile(r"[-+]?\d++(?:[.,]\d++)?+")


def one_line(text: str) -> str:
    """Whitespace runs collapsed to single spaces, ends trimmed."""
    return " ".join(text.split())


def win_title_parse(text: str) -> str:
    title = one_line(text)
    if not title:
        raise InputError("a win needs a line saying what happened")
    if len(title) > WIN_TITLE_MAX:
        raise InputError("keep the headline under 300 characters; put the rest in the details")
    return title


def person_name_parse(text: str) -> str:
    name = one_line(text)
    if not name:
        raise InputError("a person needs a name")
    if len(name) > PERSON_NAME_MAX:
        raise InputError(f"keep a name under {PERSON_NAME_MAX} characters")
    return name


def metric_parse(text: str) -> Metric:
    """Read '30 %', '1.2 M$', '-15 days' as a number and a unit (on one line)."""
    stripped = text.strip()
    number = _METRIC_NUMBER.match(stripped)
    unit = stripped[number.end() :].strip() if number else ""
    if not number or "\n" in unit:
        raise InputError(f"a metric starts with a number, like '30 %' (got {_shown(text)})")
    value = float(number.group().replace(",", "."))
    if len(unit) > METRIC_UNIT_MAX:
        raise InputError(f"keep a metric's unit under {METRIC_UNIT_MAX} characters")
    if math.isinf(value):
        raise InputError(
            f"that metric is too large to be a number of anything (got {_shown(text)})"
        )
    return Metric(value=value, unit=unit)


def _shown(text: str) -> str:
    """What was typed, quoted, cut short so a refusal stays one readable line."""
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "…"


def interaction_kind_parse(text: str) -> str:
    """The stored kind for what a person typed: 'coffee', '1:1', 'mentoring'..."""
    key = text.strip().lower().replace("_", "-")
    if key in INTERACTION_KIND_ALIASES:
        return INTERACTION_KIND_ALIASES[key]
    for value in INTERACTION_KINDS:
        if key == value.replace("_", "-"):
            return value
    kinds = ", ".join(["1:1", *sorted(v for v in INTERACTION_KINDS if v != "one_on_one")])
    raise InputError(f"unknown kind {text!r}: use one of {kinds}")


def skill_names_parse(names: list[str]) -> dict[str, str]:
    """Skill names keyed by their lower-case form, first spelling kept, blanks dropped."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = one_line(name)
        if len(clean) > SKILL_NAME_MAX:
            raise InputError(f"keep a skill name under {SKILL_NAME_MAX} characters")
        if clean:
            wanted.setdefault(clean.lower(), clean)
    return wanted
