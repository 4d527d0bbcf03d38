"""Writes for direction: ambition versions, paths considered, goals on three horizons."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TypedDict, Unpack, cast

from django.db import transaction
from django.db.models import Max

from wayfinder.core.checks import clean_title, ensure_owned, max_length, reject_unknown
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.direction.models import (
    AmbitionStatement,
    CareerPath,
    Goal,
    GoalCheckIn,
    GoalStatus,
    Horizon,
    Verdict,
)


class DirectionError(ValueError):
    """A change to ambition, paths or goals that cannot be made as given; says why."""


AMBITION_FIELDS = ("problems", "impact", "more_of", "less_of", "summary")


_ensure_owned = partial(ensure_owned, error=DirectionError)
_clean_title = partial(clean_title, error=DirectionError)


@transaction.atomic
def ambition_write(
    *,
    owner: Profile,
    today: dt.date,
    problems: str = "",
    impact: str = "",
    more_of: str = "",
    less_of: str = "",
    summary: str = "",
) -> AmbitionStatement:
    """Write a new version of the ambition; earlier versions stay as they were."""
    texts = {
        "problems": problems.strip(),
        "impact": impact.strip(),
        "more_of": more_of.strip(),
        "less_of": less_of.strip(),
        "summary": summary.strip(),
    }
    if not any(texts.values()):
        raise DirectionError(
            "answer at least one question: what problems do you want to solve, what impact "
            "do you want to have, what do you want to do more of or less of?"
        )
    # Lock the owner so two writers cannot both take the same next version number.
    Profile.objects.select_for_update().only("pk").get(pk=owner.pk)
    last = AmbitionStatement.objects.for_owner(owner).aggregate(last=Max("version"))["last"]
    return AmbitionStatement.objects.create(
        owner=owner, version=(last or 0) + 1, written_on=today, **texts
    )


@transaction.atomic
def ambition_review(*, owner: Profile, today: dt.date) -> AmbitionStatement:
    """Record that the current ambition was re-read on `today` and still holds."""
    current = (
        AmbitionStatement.objects.for_owner(owner).select_for_update().order_by("-version").first()
    )
    if current is None:
        raise DirectionError("there is no ambition to review yet: write one first")
    if today < current.written_on:
        raise DirectionError(
            f"the current ambition was written on {current.written_on}; "
            "it cannot be reviewed before that"
        )
    current.reviewed_on = today
    current.save(update_fields=["reviewed_on"])
    return current


@transaction.atomic
def path_create(
    *,
    owner: Profile,
    title: str,
    description: str = "",
    research_notes: str = "",
    learned_from_people: str = "",
) -> CareerPath:
    """Add a candidate direction, kept open until a verdict is recorded with `path_decide`."""
    return CareerPath.objects.create(
        owner=owner,
        title=_clean_title(title, what="a path", model=CareerPath),
        description=description.strip(),
        research_notes=research_notes.strip(),
        learned_from_people=learned_from_people.strip(),
    )


class PathChanges(TypedDict, total=False):
    title: str
    description: str
    research_notes: str
    learned_from_people: str


@transaction.atomic
def path_update(*, owner: Profile, path: CareerPath, **changes: Unpack[PathChanges]) -> CareerPath:
    """Change the research on a path; only the fields given change."""
    _ensure_owned(owner, path, "path")
    reject_unknown(changes, PathChanges)
    for field, value in cast(dict[str, str], changes).items():  # every field is text
        if field == "title":
            value = _clean_title(value, what="a path", model=CareerPath)
        setattr(path, field, value.strip())
    path.save()
    return path


@transaction.atomic
def path_decide(
    *, owner: Profile, path: CareerPath, verdict: str, today: dt.date, reason: str = ""
) -> CareerPath:
    """Record a verdict on a path. Ruling a path out needs the reason written down."""
    _ensure_owned(owner, path, "path")
    if verdict not in Verdict.values:
        raise DirectionError(f"unknown verdict {verdict!r}: use one of {', '.join(Verdict.values)}")
    reason = reason.strip()
    if verdict == Verdict.RULED_OUT and not reason:
        raise DirectionError("say why you are ruling this path out: a verdict needs a reason")
    path.verdict = verdict
    path.verdict_reason = reason
    path.decided_on = today
    path.save(update_fields=["verdict", "verdict_reason", "decided_on"])
    return path


def _check_horizon(horizon: str) -> None:
    if horizon not in Horizon.values:
        raise DirectionError(f"unknown horizon {horizon!r}: use one of {', '.join(Horizon.values)}")


@transaction.atomic
def goal_create(
    *,
    owner: Profile,
    title: str,
    horizon: str,
    today: dt.date,
    success_measure: str = "",
    description: str = "",
    target_date: dt.date | None = None,
    ambition: AmbitionStatement | None = None,
    path: CareerPath | None = None,
) -> Goal:
    """Set a goal on a horizon; it ties to the current ambition unless another is given."""
    title = _clean_title(title, what="a goal", model=Goal)
    _check_horizon(horizon)
    if target_date is not None and target_date < today:
        raise DirectionError(f"the target date {target_date} is already past; pick a future date")
    _ensure_owned(owner, ambition, "ambition")
    _ensure_owned(owner, path, "path")
    if ambition is None:
        ambition = AmbitionStatement.objects.for_owner(owner).order_by("-version").first()
    return Goal.objects.create(
        owner=owner,
        title=title,
        horizon=horizon,
        success_measure=success_measure.strip(),
        description=description.strip(),
        target_date=target_date,
        ambition=ambition,
        path=path,
    )


class GoalChanges(TypedDict, total=False):
    title: str
    horizon: str
    success_measure: str
    description: str
    target_date: dt.date | None
    ambition: AmbitionStatement | None
    path: CareerPath | None


@transaction.atomic
def goal_update(*, owner: Profile, goal: Goal, **changes: Unpack[GoalChanges]) -> Goal:
    """Change a goal; only the fields given change (None clears a date or a link)."""
    _ensure_owned(owner, goal, "goal")
    reject_unknown(changes, GoalChanges)
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"], what="a goal", model=Goal)
    if "horizon" in changes:
        _check_horizon(changes["horizon"])
    _ensure_owned(owner, changes.get("ambition"), "ambition")
    _ensure_owned(owner, changes.get("path"), "path")
    for field, value in changes.items():
        setattr(goal, field, value.strip() if isinstance(value, str) else value)
    goal.save()
    return goal


@transaction.atomic
def goal_set_status(*, owner: Profile, goal: Goal, status: str, today: dt.date) -> Goal:
    """Mark a goal achieved (dated today), paused, dropped or active again."""
    _ensure_owned(owner, goal, "goal")
    if status not in GoalStatus.values:
        raise DirectionError(
            f"unknown goal status {status!r}: use one of {', '.join(GoalStatus.values)}"
        )
    if status == goal.status:
        return goal
    goal.status = status
    goal.achieved_on = today if status == GoalStatus.ACHIEVED else None
    goal.save(update_fields=["status", "achieved_on"])
    return goal


@transaction.atomic
def path_delete(*, owner: Profile, path: CareerPath) -> None:
    """Delete a path; goals and experiments that served it keep existing without it."""
    _ensure_owned(owner, path, "path")
    path.delete()


@transaction.atomic
def goal_delete(*, owner: Profile, goal: Goal) -> None:
    """Delete a goal; actions, experiments and opportunities that served it stay."""
    _ensure_owned(owner, goal, "goal")
    goal.delete()


@transaction.atomic
def goal_check_in_add(
    *,
    owner: Profile,
    goal: Goal,
    checked_on: dt.date,
    today: dt.date,
    percent: int | None = None,
    milestone: str = "",
    note: str = "",
) -> GoalCheckIn:
    """Record progress on a goal on a day: how far along it is, or a milestone, or both."""
    _ensure_owned(owner, goal, "goal")
    milestone = " ".join(milestone.split())
    if percent is None and not milestone:
        raise DirectionError("say how far along the goal is (0 to 100 %) or name a milestone")
    if percent is not None and not 0 <= percent <= 100:
        raise DirectionError(f"progress is a percentage from 0 to 100, not {percent}")
    if len(milestone) > max_length(GoalCheckIn, "milestone"):
        raise DirectionError("name the milestone in at most 200 characters")
    if checked_on > today:
        raise DirectionError(
            f"progress is recorded for today or an earlier day, not {date_shown(checked_on)}"
        )
    return GoalCheckIn.objects.create(
        owner=owner,
        goal=goal,
        checked_on=checked_on,
        percent=percent,
        milestone=milestone,
        note=note.strip(),
    )


@transaction.atomic
def goal_check_in_delete(*, owner: Profile, check_in: GoalCheckIn) -> None:
    """Take back a progress check-in recorded by mistake; the goal stays as it is."""
    _ensure_owned(owner, check_in, "progress check-in")
    check_in.delete()
