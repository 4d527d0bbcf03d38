"""Opportunities, spotted to secured or declined: `/api/v1/opportunities`.

Every write binds its body to the opportunity pages' own form (api/form_binding.py) and
calls the plan service the page calls; moving one along the pipeline dates the decision.
"""

import datetime as dt
from typing import Literal

from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import require
from wayfinder.api.dated import within
from wayfinder.api.form_binding import cleaned
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import BodyId, RecordId, Text, answers
from wayfinder.core.clock import today_for
from wayfinder.core.models import Profile
from wayfinder.plan import selectors, services
from wayfinder.plan.forms import OpportunityForm, OpportunityMoveForm
from wayfinder.plan.models import OpportunityKind, OpportunitySource, OpportunityStatus

router = Router(tags=["opportunities"])
SECTION = "opportunities"

KindName = Literal[tuple(OpportunityKind.values)]
SourceName = Literal[tuple(OpportunitySource.values)]
StatusName = Literal[tuple(OpportunityStatus.values)]


class OpportunityIn(Schema):
    title: Text = Field(description="e.g. 'Join the pricing task force'.")
    spotted_on: dt.date
    description: Text = ""
    kind: KindName = OpportunityKind.STRETCH.value
    source: SourceName = Field(OpportunitySource.SELF.value, description="Who it came from.")
    brought_by: BodyId | None = Field(None, description="The id of the person who told you.")
    goal: BodyId | None = Field(None, description="The id of the goal it serves.")
    experiment: BodyId | None = Field(None, description="The id of the experiment it serves.")


class OpportunityChanges(Schema):
    """Only the fields given change; null clears a link."""

    title: Text | None = None
    spotted_on: dt.date | None = None
    description: Text | None = None
    kind: KindName | None = None
    source: SourceName | None = None
    brought_by: BodyId | None = None
    goal: BodyId | None = None
    experiment: BodyId | None = None


class OpportunityMoveIn(Schema):
    status: StatusName = Field(description="Securing or declining it dates the decision today.")


class OpportunityOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    source: str
    status: str
    spotted_on: dt.date
    decided_on: dt.date | None = Field(description="When it was secured or declined.")
    brought_by: int | None = Field(alias="brought_by_id")
    goal: int | None = Field(alias="goal_id")
    experiment: int | None = Field(alias="experiment_id")
    created_at: dt.datetime
    updated_at: dt.datetime


class OpportunityFilters(DateFilters):
    """`since` and `until` bound the day it was spotted."""

    status: StatusName | None = None


def _opportunity(owner: Profile, opportunity_id: int):
    return get_object_or_404(selectors.opportunity_list(owner=owner), pk=opportunity_id)


@router.get(
    "", response=answers(list[OpportunityOut]), summary="List opportunities, latest spotted first"
)
@paginate(Page)
def opportunity_list(request: HttpRequest, filters: Query[OpportunityFilters]):
    owner = require(request, SECTION)
    opportunities = selectors.opportunity_list(owner=owner, status=filters.status)
    return within(opportunities, "spotted_on", filters)


@router.get("/{opportunity_id}", response=answers(OpportunityOut), summary="One opportunity")
def opportunity_get(request: HttpRequest, opportunity_id: RecordId):
    owner = require(request, SECTION)
    return _opportunity(owner, opportunity_id)


@router.post("", response=answers(OpportunityOut, status=201), summary="Note an opportunity")
def opportunity_create(request: HttpRequest, payload: OpportunityIn):
    owner = require(request, SECTION, write=True)
    data = cleaned(OpportunityForm, payload.dict(), owner=owner)
    return Status(201, services.opportunity_create(owner=owner, **data))


@router.patch(
    "/{opportunity_id}", response=answers(OpportunityOut), summary="Change an opportunity"
)
def opportunity_update(request: HttpRequest, opportunity_id: RecordId, payload: OpportunityChanges):
    owner = require(request, SECTION, write=True)
    opportunity = _opportunity(owner, opportunity_id)
    given = payload.dict(exclude_unset=True)
    current = model_to_dict(opportunity, fields=OpportunityForm._meta.fields)
    data = cleaned(OpportunityForm, given, current=current, owner=owner, instance=opportunity)
    return services.opportunity_update(
        owner=owner, opportunity=opportunity, **{name: data[name] for name in given}
    )


@router.post(
    "/{opportunity_id}/move",
    response=answers(OpportunityOut),
    summary="Move an opportunity along the pipeline",
)
def opportunity_move(request: HttpRequest, opportunity_id: RecordId, payload: OpportunityMoveIn):
    owner = require(request, SECTION, write=True)
    opportunity = _opportunity(owner, opportunity_id)
    data = cleaned(OpportunityMoveForm, payload.dict())
    return services.opportunity_move(
        owner=owner, opportunity=opportunity, today=today_for(owner), **data
    )


@router.delete(
    "/{opportunity_id}",
    response=answers(None, status=204),
    summary="Delete an opportunity noted by mistake",
)
def opportunity_delete(request: HttpRequest, opportunity_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.opportunity_delete(owner=owner, opportunity=_opportunity(owner, opportunity_id))
    return Status(204, None)
