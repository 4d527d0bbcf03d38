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
METRIC_PERIOD_MAX = 100  # ImpactMetric.period
# Far more than any metric needs ("from $2.7M to $4.1M per year"); longer text is refused
# before it is read.
METRIC_TEXT_MAX = 1000

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
# The value and the baseline are in plain units (a million is 1000000); the unit holds the
# currency and the rest of what was written after the number ("$", "€ ARR", "%", "+").
Metric = namedtuple("Metric", "value unit baseline period", defaults=(None, ""))

CURRENCIES = "$€£¥"
# Powers of ten, so "4.1M" is read as the decimal 4.1e6, not 4.1 times a float.
SCALES = {"k": 3, "K": 3, "M": 6, "MM": 6, "mn": 6, "bn": 9, "B": 9}

# Possessive quantifiers: a long run of digits is read once, never backtracked over.
# "1,200" is twelve hundred (a comma before three digits groups thousands); "1,5" is 1.5.
_METRIC_AMOUNT = re.compile(
    r"(?P<sign>[-+−]?)\s?(?P<currency>[$€£¥])?\s?(?P<sign2>[-+−]?)"
    r"(?P<whole>\d++(?:,\d{3}(?!\d))*+)(?P<fraction>[.,]\d++)?+"
)
# What may follow the number before the unit proper: a scale and a currency, either order.
_SCALE = r"(?:(?P<{name}>k|K|MM|M|mn|bn|B)(?![A-Za-z0-9]))?"
_METRIC_UNIT_HEAD = re.compile(
    r"\s?"
    + _SCALE.format(name="scale")
    + r"\s?(?P<currency>[$€£¥])?\s?"
    + _SCALE.format(name="scale2")
)
_PERIOD_WORDS = {"per", "each", "every"}
_PERIOD_AFTER_A = {"year", "quarter", "month", "week", "day", "sprint", "release"}
_PERIOD_SHORT = {
    **{word: word for word in _PERIOD_AFTER_A},
    "yr": "year",
    "q": "quarter",
    "qtr": "quarter",
    "mo": "month",
    "wk": "week",
}


def metric_unit_read(unit: str) -> tuple[str, float, str]:
    """A stored unit as (currency, scale, the rest): 'k$' → ('$', 1000, ''), 'M ARR' →
    ('', 1000000, 'ARR'). Units written before numbers were read this way still show right."""
    head = _METRIC_UNIT_HEAD.match(unit)
    scale = 10.0 ** SCALES.get(head.group("scale") or head.group("scale2") or "", 0)
    return head.group("currency") or "", scale, unit[head.end() :].strip()


def _metric_period_split(line: str) -> tuple[str, str]:
    """'$400k per year' → ('$400k', 'per year'); '12 days/quarter' → ('12 days', 'per quarter')."""
    words = line.split(" ")
    for index, word in enumerate(words[1:], start=1):
        lower = word.lower()
        if lower in _PERIOD_WORDS and index + 1 < len(words):
            return " ".join(words[:index]), " ".join(words[index:])
        if (
            lower in ("a", "an")
            and words[index + 1 : index + 2]
            and (words[index + 1].lower().rstrip(".") in _PERIOD_AFTER_A)
        ):
            return " ".join(words[:index]), " ".join(words[index:])
    before, slash, after = line.rpartition("/")
    word = after.strip().lower()
    if slash and before.strip() and word in _PERIOD_SHORT:
        return before.strip(), f"per {_PERIOD_SHORT[word]}"
    return line, ""


def _metric_amount(text: str, original: str) -> tuple[str, str, int | None, str]:
    """'$1.2M ARR' → ('1.2', '$', 6, 'ARR'): the signed number as written, the currency,
    the power of ten of the scale (None when none was written) and the rest."""
    number = _METRIC_AMOUNT.match(text)
    if not number or (number.group("sign") and number.group("sign2")):
        raise InputError(f"a metric starts with a number, like '30 %' (got {_shown(original)})")
    head = _METRIC_UNIT_HEAD.match(text, number.end())
    written = head.group("scale") or head.group("scale2")
    currency = number.group("currency") or head.group("currency") or ""
    signs = number.group("sign") + number.group("sign2")
    digits = number.group("whole").replace(",", "") + (number.group("fraction") or "").replace(
        ",", "."
    )
    signed = f"-{digits}" if "-" in signs or "−" in signs else digits
    return signed, currency, SCALES[written] if written else None, text[head.end() :].strip()


def metric_parse(text: str) -> Metric:
    """Read a metric as people write it: '30 %', '$400k per year', '50K+', '€1.2M',
    '-15 days', 'from 3.8 to 4.5' (a baseline and a value), '1.2 M$' (on one line)."""
    if len(text) > METRIC_TEXT_MAX:
        raise InputError(f"keep a metric under {METRIC_TEXT_MAX:,} characters")
    stripped = text.strip()
    if "\n" in stripped:
        raise InputError(f"a metric fits on one line (got {_shown(text)})")
    body, period = _metric_period_split(one_line(stripped))
    lower = body.lower()
    before = None
    if lower.startswith("from ") and " to " in lower:
        cut = lower.index(" to ")
        before, body = body[5:cut], body[cut + 4 :]
    elif "→" in body or " -> " in body:
        before, _, body = body.partition("→") if "→" in body else body.partition(" -> ")
    digits, currency, scale, rest = _metric_amount(body.strip(), text)
    value = float(f"{digits}e{scale or 0}")
    baseline = None
    if before is not None:
        base, base_currency, base_scale, base_rest = _metric_amount(before.strip(), text)
        if (base_rest and base_rest != rest) or (base_currency and base_currency != currency):
            raise InputError(
                "write the baseline and the value in one unit, like 'from 3.8 to 4.5 %'"
                f" (got {_shown(text)})"
            )
        # A bare baseline takes the value's scale: 'from 2.7 to 4.1 $M' is 2.7 million.
        baseline = float(f"{base}e{base_scale if base_scale is not None else scale or 0}")
    unit = " ".join(part for part in (currency, rest) if part)
    if len(unit) > METRIC_UNIT_MAX:
        raise InputError(f"keep a metric's unit under {METRIC_UNIT_MAX} characters")
    if len(period) > METRIC_PERIOD_MAX:
        raise InputError(f"keep a metric's period under {METRIC_PERIOD_MAX} characters")
    if any(math.isinf(number) for number in (value, baseline or 0.0)):
        raise InputError(
            f"that metric is too large to be a number of anything (got {_shown(text)})"
        )
    return Metric(value=value, unit=unit, baseline=baseline, period=period)


def _shown(text: str) -> str:
    """What was typed, quoted, cut short so a refusal stays one readable line."""
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "…"


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


# Reading metrics out of prose ("cut churn by 40 %, from 3.8 to 4.5 stars"): this finds
# where each one is written and `metric_parse` reads it, so a metric in a sentence means
# what it means typed on its own. Only the obvious ones count: an amount of money, a
# scaled count ("50K+"), a percentage, or a number with one of the unit words below; a bare
# number ("3 books", "Q3", "2024") is not a metric. Every pattern is linear in its input.
_TEXT_NUMBER = re.compile(
    r"(?<![\w.,$€£¥])(?:[-+−])?(?P<currency>[$€£¥])?"
    r"\d{1,18}+(?:,\d{3}(?!\d)){0,6}+(?:\.\d{1,12}+)?+(?![\d,.]\d)"
)
# Singular forms; each is also read with an "s".
_TEXT_UNIT_WORDS = (
    "day|hour|hr|week|month|year|minute|min|second|sec|ms|user|customer|client|partner|"
    "lead|people|person|point|pt|star|download|install|sign-?up|subscriber|visitor|session|"
    "request|ticket|bug|incident|deal|account|member|attendee|participant|engineer|hire|"
    "seat|review|countr(?:y|ie)|team|server|test|article|post|talk|student|deployment|"
    "release|service"
)
_TEXT_UNIT = re.compile(
    r"(?P<scale>\s?(?:k|K|MM|M|mn|bn|B)(?![A-Za-z0-9]))?\+?"
    r"(?P<unit>\s?(?:%|pp(?![A-Za-z])|x(?![A-Za-z])|×)|\s(?:" + _TEXT_UNIT_WORDS + r")s?\b)?"
    r"(?:\s(?:per|a|an|each|every)\s(?:year|quarter|month|week|day|sprint|release)\b"
    r"|/(?:yr|year|qtr|quarter|q|mo|month|wk|week|day)\b)?",
    re.IGNORECASE,
)
# "a 30 % target", "target of 30 %", "goal: 40 %", "aiming for 2x": an aim, not a result.
_TARGET_BEFORE = re.compile(
    r"\b(?:targets?|goals?|aim(?:ed|ing)?|objectives?|hop(?:e|ed|ing))\b"
    r"(?:\s(?:of|for|was|is|to|at|reach|hit))*+:?\s*+$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(r"\s?(?:targets?|goals?)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s$", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s(?:to)\s|\s?(?P<arrow>→|->)\s?", re.IGNORECASE)


def _metric_end(text: str, number: re.Match) -> tuple[int, bool]:
    """Where the metric starting at `number` ends, and whether it is one (it has a unit)."""
    unit = _TEXT_UNIT.match(text, number.end())
    return unit.end(), bool(number.group("currency") or unit.group("scale") or unit.group("unit"))


def _is_target(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(text, end))


def metrics_find(text: str) -> list:
    """The metrics written in a sentence, in order, each read by `metric_parse`: '$125K',
    '50K+ users', 'by 40 %', 'from 3.8 to 4.5 stars' (a baseline and a value). A target
    ('against a 30 % target') is not a result and is left out."""
    found = []
    numbers = list(_TEXT_NUMBER.finditer(text))
    index = 0
    while index < len(numbers):
        number = numbers[index]
        index += 1
        start = number.start()
        end, counts = _metric_end(text, number)
        between = _RANGE_TO.match(text, end)
        following = numbers[index] if index < len(numbers) else None
        if (
            between is not None
            and following is not None
            and following.start() == between.end()
            and (between.group("arrow") or _FROM_BEFORE.search(text[max(0, start - 5) : start]))
        ):
            second_end, second_counts = _metric_end(text, following)
            if (counts or second_counts) and not _is_target(text, start, second_end):
                phrase = f"from {text[start:end]} to {text[following.start() : second_end]}"
                try:
                    found.append(metric_parse(one_line(phrase)))
                except InputError:
                    pass  # 'from 3 days to 5 %': two metrics, read one by one
                else:
                    index += 1
                    continue
        if counts and not _is_target(text, start, end):
            try:
                found.append(metric_parse(one_line(text[start:end])))
            except InputError:
                continue
    return found
