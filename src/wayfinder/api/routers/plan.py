"""Development actions and plan revisions (read): `/api/v1/actions`, `/api/v1/revisions`."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import require
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import MAX_ID, RecordId, Text, answers
from wayfinder.core.clock import today_for
from wayfinder.direction import selectors as direction_selectors
from wayfinder.plan import selectors, services
from wayfinder.plan.models import ActionKind, ActionStatus

router = Router(tags=["plan"])
SECTION = "plan"

ActionKindName = Literal[tuple(ActionKind.values)]  # type: ignore[valid-type]
ActionStatusName = Literal[tuple(ActionStatus.values)]  # type: ignore[valid-type]
# What a change of status does: start (or take up again), complete today, drop.
StatusChange = Literal["in_progress", "done", "dropped"]


class ActionIn(Schema):
    title: Text
    kind: ActionKindName = ActionKind.OTHER.value  # type: ignore[valid-type]
    goal_id: int | None = Field(None, ge=1, le=MAX_ID, description="The goal it serves.")
    skills: list[Text] = Field(default_factory=list)
    due_on: dt.date | None = None
    notes: Text = ""


class ActionChanges(Schema):
    """Only the fields given change. `status`: in_progress, done (today; with `evidence`)
    or dropped."""

    title: Text | None = None
    kind: ActionKindName | None = None  # type: ignore[valid-type]
    goal_id: int | None = Field(None, ge=1, le=MAX_ID, description="Null unlinks the goal.")
    skills: list[Text] | None = None
    due_on: dt.date | None = None
    evidence: Text | None = None
    notes: Text | None = None
    status: StatusChange | None = None


class ActionOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    goal_id: int | None
    skills: list[str]
    due_on: dt.date | None
    completed_on: dt.date | None
    evidence: str
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_skills(action) -> list[str]:
        return [skill.name for skill in action.skills.all()]


class ActionFilters(DateFilters):
    """`since`/`until` bound the due date."""

    status: ActionStatusName | None = None  # type: ignore[valid-type]
    kind: ActionKindName | None = None  # type: ignore[valid-type]


class RevisionOut(Schema):
    number: int
    revised_on: dt.date
    note: str


class RevisionDetailOut(RevisionOut):
    snapshot: dict[str, Any] = Field(description="The whole plan as it stood that day.")


def _action(owner, action_id: int):
    return get_object_or_404(selectors.action_list(owner=owner), pk=action_id)


def _goal(owner, goal_id: int | None):
    if goal_id is None:
        return None
    return get_object_or_404(direction_selectors.goal_list(owner=owner), pk=goal_id)


@router.get("/actions", response=answers(list[ActionOut]), summary="List development actions")
@paginate(Page)
def action_list(request: HttpRequest, filters: Query[ActionFilters]):
    owner = require(request, SECTION)
    actions = selectors.action_list(owner=owner, status=filters.status, kind=filters.kind)
    if filters.since is not None:
        actions = actions.filter(due_on__gte=filters.since)
    if filters.until is not None:
        actions = actions.filter(due_on__lte=filters.until)
    return actions


@router.get("/actions/{action_id}", response=answers(ActionOut), summary="One action")
def action_get(request: HttpRequest, action_id: RecordId):
    return _action(require(request, SECTION), action_id)


@router.post("/actions", response=answers(ActionOut, status=201), summary="Add an action")
def action_create(request: HttpRequest, payload: ActionIn):
    owner = require(request, SECTION, write=True)
    fields = payload.dict()
    goal = _goal(owner, fields.pop("goal_id"))
    action = services.action_create(owner=owner, goal=goal, **fields)
    return Status(201, _action(owner, action.pk))


@router.patch("/actions/{action_id}", response=answers(ActionOut), summary="Change an action")
def action_update(request: HttpRequest, action_id: RecordId, payload: ActionChanges):
    owner = require(request, SECTION, write=True)
    action = _action(owner, action_id)
    changes = payload.dict(exclude_unset=True)
    status = changes.pop("status", None)
    if "goal_id" in changes:
        changes["goal"] = _goal(owner, changes.pop("goal_id"))
    changes = {k: v for k, v in changes.items() if v is not None or k in {"goal", "due_on"}}
    evidence = changes.pop("evidence", "") if status == "done" else None
    if changes:
        services.action_update(owner=owner, action=action, **changes)
    if status == "in_progress":
        services.action_start(owner=owner, action=action)
    elif status == "done":
        services.action_complete(
            owner=owner, action=action, today=today_for(owner), evidence=evidence or ""
        )
    elif status == "dropped":
        services.action_drop(owner=owner, action=action)
    return _action(owner, action.pk)


@router.delete("/actions/{action_id}", response=answers(None, status=204), summary="Delete")
def action_delete(request: HttpRequest, action_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.action_delete(owner=owner, action=_action(owner, action_id))
    return Status(204, None)


@router.get("/revisions", response=answers(list[RevisionOut]), summary="Plan revisions")
@paginate(Page)
def revision_list(request: HttpRequest, filters: Query[DateFilters]):
    owner = require(request, SECTION)
    revisions = selectors.plan_revisions(owner=owner)
    if filters.since is not None:
        revisions = revisions.filter(revised_on__gte=filters.since)
    if filters.until is not None:
        revisions = revisions.filter(revised_on__lte=filters.until)
    return revisions


@router.get(
    "/revisions/{number}", response=answers(RevisionDetailOut), summary="One revision, whole"
)
def revision_get(request: HttpRequest, number: RecordId):
    owner = require(request, SECTION)
    return get_object_or_404(selectors.plan_revisions(owner=owner).defer(None), number=number)
