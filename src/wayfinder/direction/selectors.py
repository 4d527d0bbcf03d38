"""Reads for direction: the ambition and its history, paths considered, goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.db.models import F, Field, Max, Prefetch, Q, QuerySet

from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.direction.diffing import DiffOp, text_diff
from wayfinder.direction.models import (
    AmbitionStatement,
    CareerPath,
    Goal,
    GoalCheckIn,
    GoalStatus,
    Horizon,
    Verdict,
)
from wayfinder.direction.reasons import FEAR, NOT_YET, SIZE, reason_kinds, talked_to_someone
from wayfinder.direction.services import AMBITION_FIELDS, DirectionError


def ambition_current(*, owner: Profile) -> AmbitionStatement | None:
    """The latest version of the ambition, or None if none was written yet."""
    return AmbitionStatement.objects.for_owner(owner).order_by("-version").first()


def ambition_history(*, owner: Profile) -> QuerySet[AmbitionStatement]:
    """Every version of the ambition, newest first."""
    return AmbitionStatement.objects.for_owner(owner).order_by("-version")


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    lines: list[tuple[DiffOp, str]]

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.lines)


def ambition_diff(*, older: AmbitionStatement, newer: AmbitionStatement) -> list[FieldDiff]:
    """Per reframing question and the summary: how `newer` reads against `older`."""
    if older.owner_id != newer.owner_id:
        raise DirectionError("only two versions of the same ambition can be compared")
    return [
        FieldDiff(
            field=field,
            label=str(cast(Field, AmbitionStatement._meta.get_field(field)).help_text).rstrip("."),
            lines=text_diff(getattr(older, field), getattr(newer, field)),
        )
        for field in AMBITION_FIELDS
    ]


def path_list(*, owner: Profile, verdict: str | None = None) -> QuerySet[CareerPath]:
    """The paths considered, by title; only those with `verdict` if given."""
    paths = CareerPath.objects.for_owner(owner).order_by("title", "id")
    if verdict is not None:
        if verdict not in Verdict.values:
            raise DirectionError(f"unknown verdict {verdict!r}")
        paths = paths.filter(verdict=verdict)
    return paths


def path_decisions_since(*, owner: Profile, since: dt.date) -> QuerySet[CareerPath]:
    """Paths given a verdict on or after `since` (pursuing or ruled out), oldest first."""
    return (
        CareerPath.objects.for_owner(owner)
        .filter(decided_on__gte=since)
        .exclude(verdict=Verdict.OPEN)
        .order_by("decided_on", "id")
    )


# What to ask when a reason speaks of the step's size, of fear, or of what is not done yet.
_NOTES = {
    SIZE: "This reason is about the size of the step. Big moves are made of small ones: "
    "is there a smaller experiment that would tell you more about this path?",
    FEAR: "This sounds like fear of the unknown rather than a verdict on the path. ",
    NOT_YET: "This reason is about what you have not done yet, and skills can be learned. "
    "What would you need to learn, and could a development action get you there?",
}
_ASK_SOMEONE = "Could you talk to someone who does this job before ruling it out?"
_ASKED_ALREADY = (
    "You have already heard from people who do this job: does what they told you bear "
    "the fear out, or is it the unknown talking?"
)


def path_reason_warnings(reason: str, *, talked_to_people: bool = False) -> list[str]:
    """Gentle notes when a reason sounds born of fear or of the step's size; [] if none.

    Advice already followed is not repeated: with `talked_to_people`, the note on fear
    does not suggest talking to someone who does the job.
    """
    return [
        _NOTES[kind]
        + ((_ASKED_ALREADY if talked_to_people else _ASK_SOMEONE) if kind == FEAR else "")
        for kind in reason_kinds(reason)
    ]


def path_warnings(path: CareerPath) -> list[str]:
    """The notes on a path's verdict reason, knowing what its research already records."""
    talked = bool(path.learned_from_people.strip()) or talked_to_someone(path.research_notes)
    return path_reason_warnings(path.verdict_reason, talked_to_people=talked)


@dataclass(frozen=True)
class NotedPath:
    path: CareerPath
    # Notes on its reason when it sounds born of fear or size (path_warnings); [] if none.
    warnings: list[str]


def paths_noted(*, owner: Profile, verdict: str | None = None) -> list[NotedPath]:
    """The paths considered (as `path_list`), each with the notes on its reason."""
    return [
        NotedPath(path, path_warnings(path)) for path in path_list(owner=owner, verdict=verdict)
    ]


def paths_ruled_out_from_fear(*, owner: Profile, since: dt.date) -> list[NotedPath]:
    """Paths ruled out on or after `since` (or undated) for a reason that sounds born of
    fear or size, latest decided first."""
    ruled_out = CareerPath.objects.for_owner(owner).filter(
        Q(decided_on__gte=since) | Q(decided_on__isnull=True), verdict=Verdict.RULED_OUT
    )
    return [
        NotedPath(path, found)
        for path in ruled_out.order_by(F("decided_on").desc(nulls_last=True), "title", "id")
        if (found := path_warnings(path))
    ]


# The horizons a goal sits on (value, label), in order: for readers outside direction.
HORIZONS: list[tuple[str, str]] = Horizon.choices


def horizons_without_active_goal(*, owner: Profile) -> list[tuple[str, str]]:
    """The horizons (value, label), in horizon order, on which no goal is active."""
    active = set(
        Goal.objects.for_owner(owner)
        .filter(status=GoalStatus.ACTIVE)
        .values_list("horizon", flat=True)
        .distinct()
    )
    return [(value, label) for value, label in HORIZONS if value not in active]


def goal_list(
    *, owner: Profile, horizon: str | None = None, status: str | None = None
) -> QuerySet[Goal]:
    """The owner's goals by target date, optionally on one horizon and/or in one status."""
    goals = Goal.objects.for_owner(owner).select_related("ambition", "path")
    if horizon is not None:
        if horizon not in Horizon.values:
            raise DirectionError(f"unknown horizon {horizon!r}")
        goals = goals.filter(horizon=horizon)
    if status is not None:
        if status not in GoalStatus.values:
            raise DirectionError(f"unknown goal status {status!r}")
        goals = goals.filter(status=status)
    return goals.order_by(F("target_date").asc(nulls_last=True), "title", "id")


# A short-term goal with no progress recorded for this long shows in "this week".
GOAL_QUIET_DAYS = 30


def goals_with_progress(goals: QuerySet[Goal]) -> QuerySet[Goal]:
    """`goals` with `progress_history` on each: its check-ins, newest first (one query)."""
    return goals.prefetch_related(
        Prefetch(
            "check_ins",
            queryset=GoalCheckIn.objects.order_by("-checked_on", "-id"),
            to_attr="progress_history",
        )
    )


@dataclass(frozen=True)
class GoalProgress:
    """The latest progress recorded on a goal within a period."""

    goal: Goal
    latest: GoalCheckIn

    @property
    def text(self) -> str:
        note = f" ({' '.join(self.latest.note.split())})" if self.latest.note.strip() else ""
        day = date_shown(self.latest.checked_on)
        return f"{self.goal.title}: {self.latest.progress_text} on {day}{note}"


def goal_progress_between(*, owner: Profile, start: dt.date, end: dt.date) -> list[GoalProgress]:
    """Per goal with progress recorded from `start` to `end` (both included), the latest
    check-in of that period; goals by horizon, then target date."""
    latest: dict[int, GoalCheckIn] = {}
    for check_in in (
        GoalCheckIn.objects.for_owner(owner)
        .filter(checked_on__gte=start, checked_on__lte=end)
        .select_related("goal")
        .order_by("checked_on", "id")
    ):
        latest[check_in.goal_id] = check_in
    horizons = list(Horizon.values)
    return sorted(
        (GoalProgress(c.goal, c) for c in latest.values()),
        key=lambda p: (
            horizons.index(p.goal.horizon),
            p.goal.target_date or dt.date.max,
            p.goal.title.lower(),
        ),
    )


def goals_without_recent_progress(*, owner: Profile, today: dt.date) -> list[Goal]:
    """Active short-term goals with no progress recorded in the last GOAL_QUIET_DAYS days,
    counted from when the goal was set if it has none yet; `last_progress_on` on each."""
    since = today - dt.timedelta(days=GOAL_QUIET_DAYS)
    quiet = []
    for goal in (
        Goal.objects.for_owner(owner)
        .filter(status=GoalStatus.ACTIVE, horizon=Horizon.SHORT)
        .annotate(last_progress_on=Max("check_ins__checked_on"))
        .order_by(F("target_date").asc(nulls_last=True), "title", "id")
    ):
        started = goal.last_progress_on or goal.created_at.date()
        if started <= since:
            quiet.append(goal)
    return quiet
