"""Goals and their progress check-ins: `/api/v1/goals`."""

import datetime as dt
from typing import Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import require
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import RecordId, Text, answers
from wayfinder.core.clock import today_for
from wayfinder.direction import selectors, services
from wayfinder.direction.models import GoalStatus, Horizon

router = Router(tags=["goals"])
SECTION = "goals"

HorizonName = Literal[tuple(Horizon.values)]  # type: ignore[valid-type]
GoalStatusName = Literal[tuple(GoalStatus.values)]  # type: ignore[valid-type]


class GoalCheckInIn(Schema):
    checked_on: dt.date
    percent: int | None = Field(None, ge=0, le=100, description="How far along, 0 to 100 %.")
    milestone: Text = Field("", max_length=200)
    note: Text = ""


class GoalCheckInOut(Schema):
    id: int
    checked_on: dt.date
    percent: int | None
    milestone: str
    note: str


class GoalIn(Schema):
    title: Text
    horizon: HorizonName  # type: ignore[valid-type]
    success_measure: Text = ""
    description: Text = ""
    target_date: dt.date | None = None


class GoalChanges(Schema):
    """Only the fields given change; `status` marks it achieved, paused, dropped or active."""

    title: Text | None = None
    horizon: HorizonName | None = None  # type: ignore[valid-type]
    success_measure: Text | None = None
    description: Text | None = None
    target_date: dt.date | None = None
    status: GoalStatusName | None = None  # type: ignore[valid-type]


class GoalOut(Schema):
    id: int
    title: str
    horizon: str
    status: str
    success_measure: str
    description: str
    target_date: dt.date | None
    achieved_on: dt.date | None
    progress: list[GoalCheckInOut] = Field(description="Check-ins, newest first.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_progress(goal) -> list:
        return goal.progress_history


class GoalFilters(DateFilters):
    """`since`/`until` bound the target date."""

    status: GoalStatusName | None = None  # type: ignore[valid-type]
    horizon: HorizonName | None = None  # type: ignore[valid-type]


def _goals(owner, **filters):
    return selectors.goals_with_progress(selectors.goal_list(owner=owner, **filters))


def _goal(owner, goal_id: int):
    return get_object_or_404(_goals(owner), pk=goal_id)


@router.get("", response=answers(list[GoalOut]), summary="List goals by target date")
@paginate(Page)
def goal_list(request: HttpRequest, filters: Query[GoalFilters]):
    owner = require(request, SECTION)
    goals = _goals(owner, status=filters.status, horizon=filters.horizon)
    if filters.since is not None:
        goals = goals.filter(target_date__gte=filters.since)
    if filters.until is not None:
        goals = goals.filter(target_date__lte=filters.until)
    return goals


@router.get("/{goal_id}", response=answers(GoalOut), summary="One goal with its progress")
def goal_get(request: HttpRequest, goal_id: RecordId):
    return _goal(require(request, SECTION), goal_id)


@router.post("", response=answers(GoalOut, status=201), summary="Set a goal")
def goal_create(request: HttpRequest, payload: GoalIn):
    owner = require(request, SECTION, write=True)
    goal = services.goal_create(owner=owner, today=today_for(owner), **payload.dict())
    return Status(201, _goal(owner, goal.pk))


@router.patch("/{goal_id}", response=answers(GoalOut), summary="Change a goal or its status")
def goal_update(request: HttpRequest, goal_id: RecordId, payload: GoalChanges):
    owner = require(request, SECTION, write=True)
    goal = _goal(owner, goal_id)
    changes = payload.dict(exclude_unset=True)
    status = changes.pop("status", None)
    for name in ("title", "horizon", "success_measure", "description"):
        if changes.get(name, "") is None:
            changes.pop(name)
    if changes:
        services.goal_update(owner=owner, goal=goal, **changes)
    if status is not None:
        services.goal_set_status(owner=owner, goal=goal, status=status, today=today_for(owner))
    return _goal(owner, goal.pk)


@router.delete("/{goal_id}", response=answers(None, status=204), summary="Delete a goal")
def goal_delete(request: HttpRequest, goal_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.goal_delete(owner=owner, goal=_goal(owner, goal_id))
    return Status(204, None)


@router.post(
    "/{goal_id}/progress", response=answers(GoalCheckInOut, status=201), summary="Record progress"
)
def goal_progress_add(request: HttpRequest, goal_id: RecordId, payload: GoalCheckInIn):
    owner = require(request, SECTION, write=True)
    check_in = services.goal_check_in_add(
        owner=owner, goal=_goal(owner, goal_id), today=today_for(owner), **payload.dict()
    )
    return Status(201, check_in)


@router.delete(
    "/{goal_id}/progress/{check_in_id}",
    response=answers(None, status=204),
    summary="Take back a progress check-in",
)
def goal_progress_remove(request: HttpRequest, goal_id: RecordId, check_in_id: RecordId):
    owner = require(request, SECTION, write=True)
    goal = _goal(owner, goal_id)
    check_in = next((c for c in goal.progress_history if c.pk == check_in_id), None)
    if check_in is None:
        raise Http404("no such check-in")
    services.goal_check_in_delete(owner=owner, check_in=check_in)
    return Status(204, None)
