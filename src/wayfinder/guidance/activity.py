"""Aggregates behind the dashboard charts: one query, whatever the amount of data.

The rows come from each app's selectors (wins, plan, conversations, network); this module
only counts them by month. Network coverage is the network's own selector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Value
from django.db.models.functions import TruncMonth

from wayfinder.conversations.selectors import conversations_held
from wayfinder.core.models import Profile
from wayfinder.network.selectors import interaction_list
from wayfinder.plan.selectors import actions_completed_since
from wayfinder.wins.selectors import win_list

__all__ = ["ActivitySeries", "activity", "month_starts"]


def month_starts(today: dt.date, months: int = 12) -> list[dt.date]:
    """The first day of each of the last `months` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return starts[::-1]


@dataclass(frozen=True)
class ActivitySeries:
    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


class _MonthStart(TruncMonth):
    """The first day of a date's month. SQLite's own strftime, not Django's month function
    (a Python function called on every row, which cost more than the counting)."""

    def as_sqlite(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        date, params = compiler.compile(self.lhs)
        return f"strftime(%s, {date})", ("%Y-%m-01", *params)


def _monthly(series: list[tuple[QuerySet, str]], months: list[dt.date]) -> list[list[int]]:
    """How many rows of each queryset fall in each month of `months`, by its date field:
    one statement for them all (each grouped by month, the groups in one UNION ALL)."""
    grouped = [
        queryset.prefetch_related(None)
        .select_related(None)
        .annotate(month=_MonthStart(field))
        .order_by()
        .values("month")
        .annotate(n=Count("id"), series=Value(index))
        for index, (queryset, field) in enumerate(series)
    ]
    found: dict[tuple[int, dt.date], int] = {}
    for row in grouped[0].union(*grouped[1:], all=True):
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        found[(row["series"], month)] = row["n"]
    return [[found.get((index, start), 0) for start in months] for index in range(len(series))]


def activity(
    *, owner: Profile, today: dt.date, months: int = 12
) -> tuple[list[dt.date], list[ActivitySeries]]:
    """Wins, actions completed, development conversations and interactions per month."""
    starts = month_starts(today, months)
    since = starts[0]
    counted = {
        "Wins logged": (win_list(owner=owner, since=since, until=today), "occurred_on"),
        "Actions completed": (
            actions_completed_since(owner=owner, since=since, until=today),
            "completed_on",
        ),
        "Development conversations": (
            conversations_held(owner=owner, since=since, until=today),
            "held_on",
        ),
        "Interactions": (interaction_list(owner=owner, since=since, until=today), "occurred_on"),
    }
    counts = _monthly(list(counted.values()), starts)
    series = [ActivitySeries(label, row) for label, row in zip(counted, counts, strict=True)]
    return starts, series
