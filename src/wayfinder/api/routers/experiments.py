"""Experiments and their check-ins: `/api/v1/experiments`.

Every write binds its body to the experiment pages' own form (api/form_binding.py), so a
time box over a year or a verdict before the box ends needs the same confirmation as on
the page, and calls the service the page calls.
"""

import datetime as dt
from typing import Literal

from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import require
from wayfinder.api.dated import within
from wayfinder.api.form_binding import cleaned, invalid
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import BodyId, RecordId, Text, answers
from wayfinder.core.clock import today_for
from wayfinder.core.models import Profile
from wayfinder.experiments import selectors, services
from wayfinder.experiments.forms import CheckInForm, ConcludeForm, ExperimentForm
from wayfinder.experiments.models import ExperimentStatus

router = Router(tags=["experiments"])
SECTION = "experiments"

StatusName = Literal[tuple(ExperimentStatus.values)]
VerdictName = Literal[tuple(services.VERDICTS)]


class ExperimentIn(Schema):
    title: Text = Field(description="A next step to try on.")
    hypothesis: Text = Field(description="What you expect to learn.")
    starts_on: dt.date
    ends_on: dt.date = Field(description="The last day of the time box.")
    signals: Text = Field("", description="The signals you will watch.")
    goal: BodyId | None = Field(None, description="The id of the goal it serves.")
    path: BodyId | None = Field(None, description="The id of the career path it tests.")
    adapted_from: BodyId | None = Field(
        None, description="The id of the experiment concluded with 'adapt' that this adapts."
    )
    confirm_long: bool = Field(False, description="Keep a time box of more than a year.")


class ExperimentChanges(Schema):
    """Only the fields given change; null clears the goal or the path. A concluded
    experiment keeps its design."""

    title: Text | None = None
    hypothesis: Text | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    signals: Text | None = None
    goal: BodyId | None = None
    path: BodyId | None = None
    confirm_long: bool = Field(False, description="Keep a time box of more than a year.")


class ExperimentConcludeIn(Schema):
    verdict: VerdictName = Field(description="Adopt, adapt or abandon.")
    learnings: Text = ""
    ambition_fit: Text = Field("", description="Judged against your ambition.")
    confirm_early: bool = Field(
        False, description="Conclude more than a week before the time box ends."
    )


class ExperimentOut(Schema):
    id: int
    title: str
    hypothesis: str
    starts_on: dt.date
    ends_on: dt.date
    signals: str
    status: str
    verdict: str = Field(description="Empty until concluded.")
    learnings: str
    ambition_fit: str
    decided_on: dt.date | None
    goal: int | None = Field(alias="goal_id")
    path: int | None = Field(alias="path_id")
    adapted_from: int | None = Field(alias="adapted_from_id")
    check_in_count: int
    last_check_in: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ExperimentFilters(DateFilters):
    """`since` and `until` bound the day the experiment starts."""

    status: StatusName | None = None


class ExperimentCheckInIn(Schema):
    held_on: dt.date
    notes: Text = Field("", description="How it went.")
    signals_observed: Text = ""
    energy: int | None = Field(None, description="1 (drained) to 5 (energised).")


class ExperimentCheckInOut(Schema):
    id: int
    held_on: dt.date
    notes: str
    signals_observed: str
    energy: int | None


def _experiments(owner: Profile, status: str | None = None):
    return selectors.experiment_list(owner=owner, status=status)


def _experiment(owner: Profile, experiment_id: int):
    return get_object_or_404(_experiments(owner), pk=experiment_id)


def _adapted_from(owner: Profile, experiment_id: int | None):
    if experiment_id is None:
        return None
    found = _experiments(owner).filter(pk=experiment_id).first()
    if found is None:
        raise invalid({"adapted_from": ["No such experiment of yours."]})
    return found


@router.get("", response=answers(list[ExperimentOut]), summary="List experiments, latest first")
@paginate(Page)
def experiment_list(request: HttpRequest, filters: Query[ExperimentFilters]):
    owner = require(request, SECTION)
    return within(_experiments(owner, filters.status), "starts_on", filters)


@router.get("/{experiment_id}", response=answers(ExperimentOut), summary="One experiment")
def experiment_get(request: HttpRequest, experiment_id: RecordId):
    owner = require(request, SECTION)
    return _experiment(owner, experiment_id)


@router.post("", response=answers(ExperimentOut, status=201), summary="Design an experiment")
def experiment_design(request: HttpRequest, payload: ExperimentIn):
    owner = require(request, SECTION, write=True)
    given = payload.dict()
    adapted_from = _adapted_from(owner, given.pop("adapted_from"))
    data = cleaned(ExperimentForm, given, owner=owner)
    experiment = services.experiment_design(owner=owner, adapted_from=adapted_from, **data)
    return Status(201, _experiment(owner, experiment.pk))


@router.patch(
    "/{experiment_id}", response=answers(ExperimentOut), summary="Refine an experiment's design"
)
def experiment_update(request: HttpRequest, experiment_id: RecordId, payload: ExperimentChanges):
    owner = require(request, SECTION, write=True)
    experiment = _experiment(owner, experiment_id)
    given = payload.dict(exclude_unset=True)
    current = model_to_dict(experiment, fields=ExperimentForm._meta.fields)
    data = cleaned(ExperimentForm, given, current=current, owner=owner, instance=experiment)
    services.experiment_update(
        owner=owner, experiment=experiment, **{name: data[name] for name in given if name in data}
    )
    return _experiment(owner, experiment.pk)


@router.post(
    "/{experiment_id}/start",
    response=answers(ExperimentOut),
    summary="Start trying it on today (the time box keeps its end)",
)
def experiment_start(request: HttpRequest, experiment_id: RecordId):
    owner = require(request, SECTION, write=True)
    experiment = _experiment(owner, experiment_id)
    services.experiment_start(owner=owner, experiment=experiment, today=today_for(owner))
    return _experiment(owner, experiment.pk)


@router.post(
    "/{experiment_id}/conclude",
    response=answers(ExperimentOut),
    summary="Decide: adopt, adapt or abandon",
)
def experiment_conclude(
    request: HttpRequest, experiment_id: RecordId, payload: ExperimentConcludeIn
):
    owner = require(request, SECTION, write=True)
    today = today_for(owner)
    experiment = _experiment(owner, experiment_id)
    data = cleaned(ConcludeForm, payload.dict(), experiment=experiment, today=today)
    services.experiment_conclude(owner=owner, experiment=experiment, today=today, **data)
    return _experiment(owner, experiment.pk)


@router.delete(
    "/{experiment_id}",
    response=answers(None, status=204),
    summary="Delete an experiment and its check-ins",
)
def experiment_delete(request: HttpRequest, experiment_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.experiment_delete(owner=owner, experiment=_experiment(owner, experiment_id))
    return Status(204, None)


@router.get(
    "/{experiment_id}/check-ins",
    response=answers(list[ExperimentCheckInOut]),
    summary="An experiment's check-ins, oldest first",
)
@paginate(Page)
def experiment_check_in_list(request: HttpRequest, experiment_id: RecordId):
    owner = require(request, SECTION)
    return selectors.experiment_check_ins(owner=owner, experiment=_experiment(owner, experiment_id))


@router.post(
    "/{experiment_id}/check-ins",
    response=answers(ExperimentCheckInOut, status=201),
    summary="Check in on a running experiment",
)
def experiment_check_in(
    request: HttpRequest, experiment_id: RecordId, payload: ExperimentCheckInIn
):
    owner = require(request, SECTION, write=True)
    experiment = _experiment(owner, experiment_id)
    data = cleaned(CheckInForm, payload.dict())
    return Status(201, services.experiment_check_in(owner=owner, experiment=experiment, **data))
