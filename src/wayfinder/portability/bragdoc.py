"""Bring your brag document: a Markdown list of wins under period headings, read into wins.

The format people keep anyway:

    ## 2026 Q3            (also "Q3 2026", "H1 2026", "March 2026", "2026-03", "2025")
    - Launched the partner programme — 14 partners signed, pipeline +30 %
      - a nested bullet is more of the result

Each win is dated the last day of its period (today if the period is still running).
Parsing writes nothing; `brag_doc_import` writes every win or none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction

from wayfinder.core import parsing
from wayfinder.core.models import Profile
from wayfinder.wins.models import Win, WinSource
from wayfinder.wins.services import MetricInput, win_create

# A file past this is not a brag document; refuse it before reading it line by line.
MAX_CHARS = 200_000
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
# Every pattern here runs in time linear in its input: no quantifier can retry the
# characters another one took (possessive `++`, bounded counts, fixed-width lookarounds),
# so a 100 KB line of spaces, '#' or digits costs no more than any other 100 KB.
_BULLET_MARK = re.compile(r"[-*+]|\d++[.)]")
_RESULT_DASH = re.compile(r"(?<=\s)(?:—|–|--)(?=\s)")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
# A number starts where a run of digits starts, and has at most 18 digits before the
# point, 6 groups of thousands and 12 decimals: a longer run of digits is not a metric.
_NUMBER = r"([-+]?(?<!\d)\d{1,18}(?:,\d{3}){0,6}(?:\.\d{1,12})?)"
# Only the obvious ones: a percentage, an amount of money, a count of days/people/etc.
_METRICS = [
    re.compile(_NUMBER + r"\s?(%|pp)(?!\w)"),
    re.compile(r"([$€£])\s?" + r"(\d{1,18}(?:,\d{3}){0,6}(?:\.\d{1,12})?)" + r"\s?([kKmMbB]n?)?\b"),
    re.compile(
        _NUMBER + r"\s?(days?|hours?|weeks?|months?|minutes?|users?|customers?|clients?|"
        r"partners?|leads?|people|points?|x)\b",
        re.IGNORECASE,
    ),
]


# The scale after an amount of money, as a power of ten ("$1.2M", "€3bn", "$400k").
_MONEY_SCALES = {"": 0, "k": 3, "kn": 3, "m": 6, "mn": 6, "b": 9, "bn": 9}


def _heading(line: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading ('## 2026 Q3 ##'), or None.

    `line` has no trailing whitespace. Closing '#'s are dropped, as Markdown does.
    """
    text = line.lstrip("#")
    level = len(line) - len(text)
    if not 1 <= level <= 6 or not text[:1].isspace():
        return None
    return level, text.strip().rstrip("#").rstrip()


def _bullet(line: str) -> str | None:
    """The text of a list item ('- x', '* x', '+ x', '1. x', '2) x'), or None."""
    text = line.lstrip()
    mark = _BULLET_MARK.match(text)
    if mark is None or not text[mark.end() : mark.end() + 1].isspace():
        return None
    return text[mark.end() :].lstrip()


def _title_and_result(text: str) -> tuple[str, list[str]]:
    """'Launched X — 14 partners signed' split at the first dash between spaces."""
    dash = _RESULT_DASH.search(text)
    if dash is None:
        return text, []
    return text[: dash.start()].rstrip(), [text[dash.end() :].lstrip()]


class BragDocError(ValueError):
    """A brag document that cannot be read; `problems` lists each line at fault."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class BragEntry:
    line: int
    period: str
    occurred_on: dt.date
    title: str
    result: str = ""
    metrics: list[MetricInput] = field(default_factory=list)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_parse(heading: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the period a heading names, or None when it names none.

    Raises ValueError for a heading that tries to name one but cannot (e.g. "2026 Q5").
    """
    text = heading.strip().lower().replace(",", " ")
    words = text.split()
    if re.fullmatch(r"(19|20)\d\d", text):
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        return dt.date(year, month, 1), _last_day(year, month)
    if match := re.fullmatch(r"(?:(\d{4})\s*([qh])(\d)|([qh])(\d)\s*(\d{4}))", text):
        year = int(match[1] or match[6])
        kind, number = (match[2] or match[4]), int(match[3] or match[5])
        months = 3 if kind == "q" else 6
        if not 1 <= number <= 12 // months:
            raise ValueError(f"there is no {kind.upper()}{number} in a year")
        return dt.date(year, (number - 1) * months + 1, 1), _last_day(year, number * months)
    if len(words) == 2:
        month_word, year_word = words if words[0] in MONTHS else reversed(words)
        if month_word in MONTHS and re.fullmatch(r"\d{4}", year_word):
            month = MONTHS[month_word]
            return dt.date(int(year_word), month, 1), _last_day(int(year_word), month)
    if _YEAR.search(text) and len(words) <= 3:
        raise ValueError(
            "use a period like '2026 Q3', 'H1 2026', 'March 2026', '2026-03' or '2025'"
        )
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def metrics_find(text: str) -> list[MetricInput]:
    """The obvious numbers with units in a result: '30 %', '$1.2M', '14 partners'."""
    found: list[tuple[int, MetricInput]] = []
    # A match starting inside an earlier one is skipped; one flag per character keeps that
    # check constant-time however many numbers the text holds.
    taken = bytearray(len(text))
    for pattern in _METRICS:
        for match in pattern.finditer(text):
            if taken[match.start()]:
                continue
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            if match.group(1) in "$€£":
                # Stored as 'wayfinder win' and the forms store it: '$1.2M' is 1200000 '$'.
                power = _MONEY_SCALES[(match.group(3) or "").lower()]
                value = float(f"{match.group(2).replace(',', '')}e{power}")
                metric = MetricInput(value=value, unit=match.group(1))
            else:
                metric = MetricInput(value=_number(match.group(1)), unit=match.group(2))
            found.append((match.start(), metric))
    return [metric for _, metric in sorted(found, key=lambda item: item[0])]


def _join(results: list[list[str]]) -> str:
    lines = (parsing.one_line(" ".join(parts)) for parts in results)
    return "; ".join(line for line in lines if line)


def brag_doc_parse(text: str, *, today: dt.date) -> list[BragEntry]:
    """Every win in the document, in order. Raises BragDocError naming each bad line."""
    if len(text) > MAX_CHARS:
        raise BragDocError([f"the document is over {MAX_CHARS:,} characters: split it up"])
    problems: list[tuple[int, str]] = []
    entries: list[BragEntry] = []
    # entry, title parts, results (each the parts of one nested bullet)
    drafts: list[tuple[BragEntry, list[str], list[list[str]]]] = []
    period: tuple[str, dt.date, int] | None = None  # name, date, heading level
    current: tuple[BragEntry, list[str], list[list[str]]] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if heading := _heading(line):
            level, name = heading
            current = None
            try:
                span = period_parse(name)
            except ValueError as error:
                problems.append((number, f"cannot read the period {name!r}: {error}"))
                period = None
                continue
            if span is None:
                # "### Projects" under "## 2026 Q3" stays in Q3; "# Brag doc" starts afresh.
                if period is not None and level <= period[2]:
                    period = None
                continue
            if span[0] > today:
                problems.append((number, f"the period {name!r} has not started yet"))
                period = None
                continue
            period = (name, min(span[1], today), level)
            continue
        bullet = _bullet(line)
        indent = len(line) - len(line.lstrip())
        if bullet is not None and indent < 2:
            if period is None:
                problems.append(
                    (number, "a win needs a period heading above it, e.g. '## 2026 Q3'")
                )
                current = None
                continue
            head, tail = _title_and_result(bullet)
            entry = BragEntry(line=number, period=period[0], occurred_on=period[1], title="")
            current = (entry, [head], [[part] for part in tail])
            drafts.append(current)
        elif current is None:
            if bullet is not None:
                problems.append((number, "a nested bullet needs a win above it"))
            elif period is not None:
                problems.append((number, "write each win as a bullet ('- ...')"))
            # Text before the first period (an introduction) is not a win: left alone.
        elif bullet is not None:
            current[2].append([bullet])
        elif current[2]:
            current[2][-1].append(line.strip())
        else:
            current[1].append(line.strip())
    for entry, title_parts, results in drafts:
        try:
            entry.title = parsing.win_title_parse(" ".join(title_parts))
        except parsing.InputError as error:
            problems.append((entry.line, str(error)))
            continue
        entry.result = _join(results)
        entry.metrics = metrics_find(entry.result or entry.title)
        entries.append(entry)
    if problems:
        raise BragDocError([f"line {line}: {problem}" for line, problem in sorted(problems)])
    if not entries:
        raise BragDocError(
            ["no wins found: put each win on a bullet ('- ...') under a period heading"]
        )
    return entries


def _same_win(occurred_on: dt.date, title: str) -> tuple[dt.date, str]:
    return occurred_on, " ".join(title.split()).casefold()


def brag_doc_already_logged(*, owner: Profile, entries: list[BragEntry]) -> set[int]:
    """The lines of entries already in the log (same date and title) or repeated above in
    the document: importing a brag doc twice adds nothing the second time."""
    known = {
        _same_win(occurred_on, title)
        for occurred_on, title in Win.objects.for_owner(owner)
        .filter(occurred_on__in={entry.occurred_on for entry in entries})
        .values_list("occurred_on", "title")
    }
    repeated = set()
    for entry in entries:
        key = _same_win(entry.occurred_on, entry.title)
        if key in known:
            repeated.add(entry.line)
        known.add(key)
    return repeated


@transaction.atomic
def brag_doc_import(*, owner: Profile, entries: list[BragEntry]) -> list[Win]:
    """Write every entry not already in the log as a win from an import, all or none."""
    skip = brag_doc_already_logged(owner=owner, entries=entries)
    return [
        win_create(
            owner=owner,
            title=entry.title,
            occurred_on=entry.occurred_on,
            result=entry.result,
            metrics=entry.metrics,
            source=WinSource.IMPORT,
        )
        for entry in entries
        if entry.line not in skip
    ]
