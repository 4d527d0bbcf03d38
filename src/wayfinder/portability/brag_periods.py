"""Periods and dates as brag documents write them.

A heading names a period somewhere in its words: '2026 Q3', 'Q3 2026', 'FY25 Q3', 'H1 2026',
'March 2026', 'December 2024 Work Summary', '2026-03', "Julia's 2025 brag document",
'2023–2024', '2024-03-05'. Under a year, '### Q1' or '### March' are that year's. A win's
own date is written '[Nov 30, 2024]', '2024-03-05:', 'Mar 5 —' (the year of its period) or
'(March 2024)'. Nothing here knows about wins; `bragdoc` uses it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A fiscal year is read as the calendar year it names: FY25 is 2025, FY25 Q3 is July to
# September 2025 (docs/brag-doc.md says so; a win's own date is exact).
_YEAR = r"(?:fy\s?'?(?P<{0}fy>\d{{4}}|\d\d)|(?P<{0}y>(?:19|20)\d\d))"
_DAY_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s?[-–—/]\s?((?:19|20)\d\d)\b")
_MONTH_ISO = re.compile(r"\b((?:19|20)\d\d)[-/](\d{1,2})\b")
_PART_AFTER = re.compile(r"\b" + _YEAR.format("a") + r"\s?[-/,]?\s?(?P<k>[qh])(?P<n>\d+)\b")
_PART_BEFORE = re.compile(r"\b(?P<k>[qh])(?P<n>\d+)\s?[-/,]?\s?" + _YEAR.format("b") + r"\b")
_PART_ALONE = re.compile(r"^(?P<k>[qh])(?P<n>\d+)$")
_MONTH_YEAR = re.compile(r"\b" + _MONTH.format("m") + r"\s?,?\s?(?:of\s)?" + _YEAR.format("a"))
_YEAR_MONTH = re.compile(_YEAR.format("b") + r"\s" + _MONTH.format("m") + r"(?![a-z])")
_ANY_YEAR = re.compile(r"\b" + _YEAR.format("a") + r"\b")
# A date on a win: a day, with or without its year ('Nov 30, 2024', '30 Nov', '2024-11-30').
_DAY_WORDS = re.compile(
    r"(?:" + _MONTH.format("m") + r"\s(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s" + _MONTH.format("m2") + r"(?:,?\s(?P<y2>\d{4}))?"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d))",
    re.IGNORECASE,
)
_LEADING_DATE = re.compile(r"^(?P<date>[^:—–]{3,20}?)\s?(?::|—|–|--|-)\s")
_BRACKETED = re.compile(r"\[(?P<square>[^\[\]]{3,30})\]|\((?P<round>[^()]{3,30})\)")


class DateProblem(ValueError):
    """A date or period that is written as one but cannot be read ('2026 Q5', 'Feb 30')."""


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        return self.end.year


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> Span:
    if not 1 <= month <= 12:
        raise DateProblem(f"there is no month {month}")
    return Span(dt.date(year, month, 1), _last_day(year, month))


def _part(year: int, kind: str, number: int) -> Span:
    months = 3 if kind == "q" else 6
    if not 1 <= number <= 12 // months:
        raise DateProblem(f"there is no {kind.upper()}{number} in a year")
    return Span(dt.date(year, (number - 1) * months + 1, 1), _last_day(year, number * months))


def _year_of(match: re.Match, prefix: str) -> int:
    fiscal = match.group(f"{prefix}fy")
    if fiscal is None:
        return int(match.group(f"{prefix}y"))
    return int(fiscal) + (2000 if len(fiscal) == 2 else 0)


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(f"there is no {day} {calendar.month_name[month]} {year}") from None


def period_find(text: str, *, year: int | None = None) -> Span | None:
    """The period a heading names somewhere in its words, or None when it names none.

    `year` is the year of the period around it, for '### Q1' or '### March' under a year.
    Raises DateProblem for a period that is written but cannot be read ('2026 Q5').
    """
    words = " ".join(text.lower().replace("’", "'").split())
    if match := _DAY_ISO.search(words):
        day = _day(int(match[1]), int(match[2]), int(match[3]))
        return Span(day, day)
    if match := _YEAR_RANGE.search(words):
        first, last = sorted((int(match[1]), int(match[2])))
        return Span(dt.date(first, 1, 1), dt.date(last, 12, 31))
    if match := _MONTH_ISO.search(words):
        return _month(int(match[1]), int(match[2]))
    for pattern, prefix in ((_PART_AFTER, "a"), (_PART_BEFORE, "b")):
        if match := pattern.search(words):
            return _part(_year_of(match, prefix), match["k"], int(match["n"]))
    for pattern, prefix in ((_MONTH_YEAR, "a"), (_YEAR_MONTH, "b")):
        if match := pattern.search(words):
            return _month(_year_of(match, prefix), MONTHS[match["m"]])
    if match := _ANY_YEAR.search(words):
        _misspelt_month(words)
        found = _year_of(match, "a")
        return Span(dt.date(found, 1, 1), dt.date(found, 12, 31))
    if year is not None:
        if match := _PART_ALONE.match(words):
            return _part(year, match["k"], int(match["n"]))
        if words.rstrip(".") in MONTHS:
            return _month(year, MONTHS[words.rstrip(".")])
    return None


def _misspelt_month(words: str) -> None:
    """'Smarch 2026' is a month mistyped, not the year 2026 with a word before it."""
    full = [name for name in MONTHS if len(name) > 3]
    for word in re.findall(r"[a-z]{4,}", words):
        if word not in MONTHS and (close := difflib.get_close_matches(word, full, 1, 0.8)):
            raise DateProblem(f"{word!r} is not a month ({close[0].capitalize()}?)")


def _day_span(text: str, around: Span | None, today: dt.date) -> Span | None:
    """A day written in `text` as a whole ('Nov 30, 2024', '30 Nov', '2024-11-30')."""
    match = _DAY_WORDS.fullmatch(text)
    if match is None:
        return None
    if match["iy"]:
        day = _day(int(match["iy"]), int(match["im"]), int(match["id"]))
        return Span(day, day)
    month = MONTHS[(match["m"] or match["m2"]).lower()]
    number = int(match["d"] or match["d2"])
    written = match["y"] or match["y2"]
    if written:
        year = int(written)
    elif around is not None:
        # The year of the period it sits in; a period over two years takes the one it fits.
        year = next(
            (
                y
                for y in range(around.end.year, around.start.year - 1, -1)
                if around.start <= _day_or_none(y, month, number) <= around.end
            ),
            around.end.year,
        )
    else:
        # No period and no year: the last such day up to today.
        year = today.year if (month, number) <= (today.month, today.day) else today.year - 1
    day = _day(year, month, number)
    return Span(day, day)


def _day_or_none(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date.min


def item_date(text: str, *, around: Span | None, today: dt.date) -> tuple[Span | None, str]:
    """A win's own date, and its text without it: '[Nov 30, 2024] Shipped X' → (30 Nov
    2024, 'Shipped X'). A month or a quarter ('(March 2024)', 'Q3 2024 — ') is a span.
    Raises DateProblem for a date that is written but cannot be read ('[Feb 30, 2024]')."""
    year = around.year if around is not None else None
    for bracket in _BRACKETED.finditer(text):
        inside = (bracket["square"] or bracket["round"]).strip()
        span = _day_span(inside, around, today)
        if span is None and re.search(r"\d", inside) and _only_a_period(inside):
            span = period_find(inside, year=year)
        if span is not None:
            rest = text[: bracket.start()] + text[bracket.end() :]
            return span, " ".join(rest.split()).strip(" -—–:")
    if leading := _LEADING_DATE.match(text):
        written = leading["date"].strip().rstrip(",")
        span = _day_span(written, around, today)
        if span is None and re.search(r"\d", written) and _only_a_period(written):
            span = period_find(written, year=year)  # 'March 2024: ...', 'Q3 2024 — ...'
        if span is not None:
            return span, text[leading.end() :].strip()
    return None, text


def starts_with_date(text: str) -> bool:
    """Whether a line starts with a day and a separator: '2024-03-05: ...', 'Mar 5 — ...'."""
    leading = _LEADING_DATE.match(text)
    return (
        leading is not None
        and _DAY_WORDS.fullmatch(leading["date"].strip().rstrip(",")) is not None
    )


def _only_a_period(text: str) -> bool:
    """'March 2024', 'Q3 2024', '2024': a period and nothing else (not '(with 3 people)')."""
    words = re.sub(r"[,./'-]", " ", text.lower()).split()
    return all(
        word in MONTHS or word in {"fy", "of"} or re.fullmatch(r"(fy)?\d{2,4}|[qh]\d", word)
        for word in words
    )
