"""Wins and their impact metrics: `/api/v1/wins`. The pattern every router follows."""

import datetime as dt

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import ScopeMissing, private_allowed, require
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import RecordId, answers, private_value
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward, seal
from wayfinder.wins import services
from wayfinder.wins.selectors import win_list as wins_of_owner

router = Router(tags=["wins"])
SECTION = "wins"


class MetricIn(Schema):
    value: float = Field(description="The number, e.g. 30 for 30 %.")
    unit: str = Field("", max_length=30, description="e.g. '%', '$', 'hours'.")
    baseline: float | None = Field(None, description="The number before, if there was one.")
    period: str = Field("", max_length=100, description="e.g. 'per quarter'.")
    label: str = Field("", max_length=200)


class MetricOut(Schema):
    id: int
    value: float
    unit: str
    baseline: float | None
    period: str
    label: str


class WinIn(Schema):
    title: str = Field(description="What happened, in a line.")
    occurred_on: dt.date
    situation: str = ""
    action: str = ""
    result: str = ""
    skills: list[str] = Field(default_factory=list, description="Skill names; new ones are made.")
    metrics: list[MetricIn] = Field(default_factory=list)
    private_notes: str = Field("", description="Needs the `private` scope.")


class WinChanges(Schema):
    """Only the fields given change."""

    title: str | None = None
    occurred_on: dt.date | None = None
    situation: str | None = None
    action: str | None = None
    result: str | None = None
    skills: list[str] | None = Field(None, description="Replaces the win's skills by name.")
    private_notes: str | None = Field(None, description="Needs the `private` scope.")


class WinOut(Schema):
    id: int
    title: str
    occurred_on: dt.date
    situation: str
    action: str
    result: str
    source: str
    skills: list[str]
    metrics: list[MetricOut]
    collaborator_ids: list[int]
    private_notes: str | None = Field(description="Null without the `private` scope.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_skills(win) -> list[str]:
        return [skill.name for skill in win.skills.all()]

    @staticmethod
    def resolve_metrics(win) -> list:
        return list(win.metrics.all())

    @staticmethod
    def resolve_collaborator_ids(win) -> list[int]:
        return [person.pk for person in win.collaborators.all()]

    @staticmethod
    def resolve_private_notes(win) -> str | None:
        return private_value(win, "private_notes")


def _wins(request: HttpRequest, owner: Profile, **filters) -> QuerySet:
    """The owner's wins as this request may read them: the projection without `private`."""
    wins = wins_of_owner(owner=owner, **filters).prefetch_related("collaborators")
    return wins if private_allowed(request) else outward(wins)


def _win(request: HttpRequest, owner: Profile, win_id: int):
    """One of the owner's wins as the request may read it (just written, or asked for)."""
    return get_object_or_404(_wins(request, owner), pk=win_id)


def _written(request: HttpRequest, win):
    """The win just written, as the request may read it, without reading it again: its
    related rows in one query each (those the service did not give it as written), and
    without `private` the projection sealed onto it."""
    known = getattr(win, "_prefetched_objects_cache", {})
    unread = [name for name in ("skills", "metrics", "collaborators") if name not in known]
    if unread:
        prefetch_related_objects([win], *unread)
    return win if private_allowed(request) else seal(win)


def _refuse_private(request: HttpRequest, given: str | None) -> None:
    if given and not private_allowed(request):
        raise ScopeMissing("private_notes needs the private scope")


@router.get("", response=answers(list[WinOut]), summary="List wins, newest first")
@paginate(Page)
def win_list(request: HttpRequest, filters: Query[DateFilters]):
    owner = require(request, SECTION)
    return _wins(request, owner, since=filters.since, until=filters.until)


@router.get("/{win_id}", response=answers(WinOut), summary="One win")
def win_get(request: HttpRequest, win_id: RecordId):
    owner = require(request, SECTION)
    return _win(request, owner, win_id)


@router.post("", response=answers(WinOut, status=201), summary="Log a win")
def win_create(request: HttpRequest, payload: WinIn):
    owner = require(request, SECTION, write=True)
    _refuse_private(request, payload.private_notes)
    win = services.win_create(
        owner=owner,
        title=payload.title,
        occurred_on=payload.occurred_on,
        situation=payload.situation,
        action=payload.action,
        result=payload.result,
        skills=payload.skills,
        metrics=[services.MetricInput(**metric.dict()) for metric in payload.metrics],
        private_notes=payload.private_notes,
    )
    return Status(201, _written(request, win))


@router.patch("/{win_id}", response=answers(WinOut), summary="Change a win")
def win_update(request: HttpRequest, win_id: RecordId, payload: WinChanges):
    owner = require(request, SECTION, write=True)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    _refuse_private(request, changes.get("private_notes"))
    win = get_object_or_404(wins_of_owner(owner=owner), pk=win_id)
    services.win_update(owner=owner, win=win, **changes)
    return _win(request, owner, win.pk)


@router.delete("/{win_id}", response=answers(None, status=204), summary="Remove a win")
def win_delete(request: HttpRequest, win_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.win_delete(owner=owner, win=get_object_or_404(wins_of_owner(owner=owner), pk=win_id))
    return Status(204, None)


@router.post("/{win_id}/metrics", response=answers(MetricOut, status=201), summary="Add a metric")
def win_metric_add(request: HttpRequest, win_id: RecordId, payload: MetricIn):
    owner = require(request, SECTION, write=True)
    win = get_object_or_404(wins_of_owner(owner=owner), pk=win_id)
    return Status(201, services.win_add_metric(owner=owner, win=win, **payload.dict()))


@router.delete(
    "/{win_id}/metrics/{metric_id}",
    response=answers(None, status=204),
    summary="Remove a metric",
)
def win_metric_remove(request: HttpRequest, win_id: RecordId, metric_id: RecordId):
    owner = require(request, SECTION, write=True)
    win = get_object_or_404(wins_of_owner(owner=owner), pk=win_id)
    metric = next((m for m in win.metrics.all() if m.pk == metric_id), None)
    if metric is None:
        raise Http404("no such metric")
    services.win_remove_metric(owner=owner, metric=metric)
    return Status(204, None)
