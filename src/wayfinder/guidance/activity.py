"""Aggregates behind the dashboard charts: each one query, whatever the amount of data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.core.models import Profile
from wayfinder.network.models import Interaction, Person, PersonRole, Role
from wayfinder.plan.models import ActionStatus, DevelopmentAction
from wayfinder.wins.models import Win


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


def _monthly(queryset, field: str, months: list[dt.date]) -> list[int]:
    rows = (
        queryset.filter(**{f"{field}__gte": months[0]})
        .annotate(month=TruncMonth(field))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
    )
    found = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        found[month] = row["n"]
    return [found.get(start, 0) for start in months]


def activity(
    *, owner: Profile, today: dt.date, months: int = 12
) -> tuple[list[dt.date], list[ActivitySeries]]:
    """Wins, actions completed, development conversations and interactions per month."""
    starts = month_starts(today, months)
    series = [
        ActivitySeries(
            "Wins logged",
            _monthly(
                Win.objects.for_owner(owner).filter(occurred_on__lte=today), "occurred_on", starts
            ),
        ),
        ActivitySeries(
            "Actions completed",
            _monthly(
                DevelopmentAction.objects.for_owner(owner).filter(
                    status=ActionStatus.DONE, completed_on__lte=today
                ),
                "completed_on",
                starts,
            ),
        ),
        ActivitySeries(
            "Development conversations",
            _monthly(
                DevelopmentConversation.objects.for_owner(owner).filter(
                    status=ConversationStatus.HELD, held_on__lte=today
                ),
                "held_on",
                starts,
            ),
        ),
        ActivitySeries(
            "Interactions",
            _monthly(
                Interaction.objects.for_owner(owner).filter(occurred_on__lte=today),
                "occurred_on",
                starts,
            ),
        ),
    ]
    return starts, series


@dataclass(frozen=True)
class CoverageCell:
    level: int
    function: str
    people: int
    mentors: int
    sponsors: int


def network_coverage(*, owner: Profile, today: dt.date) -> list[CoverageCell]:
    """Active people counted by relative level and function, with mentors and sponsors."""
    held = PersonRole.objects.held_on(today)
    rows = (
        Person.objects.for_owner(owner)
        .filter(is_active=True)
        .order_by()
        .values("relative_level", "function")
        .annotate(
            people=Count("id", distinct=True),
            mentors=Count("id", filter=Q(roles__in=held.filter(role=Role.MENTOR)), distinct=True),
            sponsors=Count("id", filter=Q(roles__in=held.filter(role=Role.SPONSOR)), distinct=True),
        )
    )
    merged: dict[tuple[int, str], list[int]] = {}
    spelling: dict[str, str] = {}
    for row in rows:
        function = spelling.setdefault(row["function"].casefold(), row["function"])
        cell = merged.setdefault((row["relative_level"], function), [0, 0, 0])
        cell[0] += row["people"]
        cell[1] += row["mentors"]
        cell[2] += row["sponsors"]
    return [
        CoverageCell(level, function, *counts)
        for (level, function), counts in sorted(merged.items())
    ]
