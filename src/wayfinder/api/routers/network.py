"""People, the roles they hold for the owner, and interactions: `/api/v1/people`,
`/api/v1/interactions`.

Every write binds its body to the network pages' own form (api/form_binding.py) and calls
the service the page calls. A person's private notes are read and written only with the
`private` scope.
"""

import datetime as dt
from typing import Literal

from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import ScopeMissing, private_allowed, require
from wayfinder.api.form_binding import cleaned
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import BodyId, RecordId, Text, answers, private_value
from wayfinder.core.clock import today_for
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward
from wayfinder.network import selectors, services
from wayfinder.network.forms import InteractionForm, PersonForm, RoleAssignForm, RoleEndForm
from wayfinder.network.models import Influence, InteractionKind, Role

router = Router(tags=["network"])
SECTION = "network"

RoleName = Literal[tuple(Role.values)]
InfluenceName = Literal[tuple(Influence.values)]
KindName = Literal[tuple(InteractionKind.values)]


# --- Schemas -------------------------------------------------------------------------------


class PersonIn(Schema):
    name: Text
    title: Text = ""
    organisation: Text = ""
    function: Text = Field("", description="e.g. Sales, Finance, Engineering.")
    relative_level: int = Field(
        0, description="You are 0; your manager +1, skip-level +2, peers 0, reports -1."
    )
    influence: InfluenceName = Influence.MEDIUM.value
    cadence_days: int | None = Field(None, description="How often to be in touch, in days.")
    email: Text = ""
    url: Text = Field("", description="Their LinkedIn or web page.")
    notes: Text = ""
    private_notes: Text = Field("", description="Needs the `private` scope.")


class PersonChanges(Schema):
    """Only the fields given change; null clears the cadence."""

    name: Text | None = None
    title: Text | None = None
    organisation: Text | None = None
    function: Text | None = None
    relative_level: int | None = None
    influence: InfluenceName | None = None
    cadence_days: int | None = None
    email: Text | None = None
    url: Text | None = None
    notes: Text | None = None
    private_notes: Text | None = Field(None, description="Needs the `private` scope.")


class PersonOut(Schema):
    id: int
    name: str
    title: str
    organisation: str
    function: str
    relative_level: int | None = Field(description="Null: not placed yet (imported).")
    influence: str
    cadence_days: int | None
    email: str
    url: str
    notes: str
    private_notes: str | None = Field(description="Null without the `private` scope.")
    is_active: bool = Field(description="False once archived.")
    roles: list[str] = Field(description="The roles they hold today.")
    last_interaction_on: dt.date | None = Field(description="The latest interaction so far.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_roles(person) -> list[str]:
        return [held.role for held in person.current_roles]

    @staticmethod
    def resolve_private_notes(person) -> str | None:
        return private_value(person, "private_notes")


class PeopleFilters(Schema):
    role: RoleName | None = Field(None, description="Who hold this role today.")
    level: int | None = Field(None, ge=services.LEVEL_MIN, le=services.LEVEL_MAX)
    function: Text | None = Field(None, description="Any case.")
    status: Literal["active", "archived", "all"] = "active"


class PersonRoleIn(Schema):
    role: RoleName
    started_on: dt.date | None = Field(None, description="Since when; empty: not known.")


class PersonRoleOut(Schema):
    role: str
    started_on: dt.date | None
    ended_on: dt.date | None = Field(description="The day the role stopped.")
    held: bool = Field(description="Whether they hold it today.")


class PersonRef(Schema):
    id: int
    name: str


class InteractionIn(Schema):
    people: list[BodyId] = Field(description="The ids of one or more of your people.")
    occurred_on: dt.date
    kind: KindName = InteractionKind.OTHER.value
    notes: Text = ""
    follow_ups: Text = Field("", description="What you promised, or want to come back to.")
    follow_up_due: dt.date | None = None


class InteractionChanges(Schema):
    """Only the fields given change; null clears the follow-up date."""

    people: list[BodyId] | None = None
    occurred_on: dt.date | None = None
    kind: KindName | None = None
    notes: Text | None = None
    follow_ups: Text | None = None
    follow_up_due: dt.date | None = None


class InteractionOut(Schema):
    id: int
    occurred_on: dt.date
    kind: str
    people: list[PersonRef]
    notes: str
    follow_ups: str
    follow_up_due: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_people(interaction) -> list:
        return list(interaction.people.all())


class InteractionFilters(DateFilters):
    kind: KindName | None = None


# --- Reading -------------------------------------------------------------------------------


def _people(request: HttpRequest, owner: Profile, **filters) -> QuerySet:
    """The owner's people as the request may read them: the projection without `private`."""
    people = selectors.people_list(owner=owner, today=today_for(owner), **filters)
    return people if private_allowed(request) else outward(people)


def _person_out(request: HttpRequest, owner: Profile, person_id: int):
    return get_object_or_404(_people(request, owner, include_archived=True), pk=person_id)


def _person(owner: Profile, person_id: int):
    """One of the owner's people, archived or not, to change (the owner's own record, read
    in full)."""
    people = selectors.people_list(owner=owner, today=today_for(owner), include_archived=True)
    return get_object_or_404(people, pk=person_id)


def _refuse_private(request: HttpRequest, given: str | None) -> None:
    if given and not private_allowed(request):
        raise ScopeMissing("private_notes needs the private scope")


def _interaction(owner: Profile, interaction_id: int):
    return get_object_or_404(selectors.interaction_list(owner=owner), pk=interaction_id)


# --- People --------------------------------------------------------------------------------


@router.get("/people", response=answers(list[PersonOut]), summary="List people, by name")
@paginate(Page)
def person_list(request: HttpRequest, filters: Query[PeopleFilters]):
    owner = require(request, SECTION)
    people = _people(
        request,
        owner,
        role=filters.role,
        level=filters.level,
        function=filters.function or None,
        include_archived=filters.status != "active",
    )
    return people.filter(is_active=False) if filters.status == "archived" else people


@router.get("/people/{person_id}", response=answers(PersonOut), summary="One person")
def person_get(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION)
    return _person_out(request, owner, person_id)


@router.post("/people", response=answers(PersonOut, status=201), summary="Add a person")
def person_create(request: HttpRequest, payload: PersonIn):
    owner = require(request, SECTION, write=True)
    _refuse_private(request, payload.private_notes)
    person = services.person_create(owner=owner, **cleaned(PersonForm, payload.dict()))
    return Status(201, _person_out(request, owner, person.pk))


@router.patch("/people/{person_id}", response=answers(PersonOut), summary="Change a person")
def person_update(request: HttpRequest, person_id: RecordId, payload: PersonChanges):
    owner = require(request, SECTION, write=True)
    given = payload.dict(exclude_unset=True)
    _refuse_private(request, given.get("private_notes"))
    person = _person(owner, person_id)
    # Bound without the instance, which the form would change before the service compares
    # the new name with the old one.
    data = cleaned(PersonForm, given, current=model_to_dict(person, fields=PersonForm._meta.fields))
    services.person_update(
        owner=owner, person=person, **{name: data[name] for name in given if name in data}
    )
    return _person_out(request, owner, person.pk)


@router.post(
    "/people/{person_id}/archive",
    response=answers(PersonOut),
    summary="Archive a person (their history stays)",
)
def person_archive(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.person_archive(owner=owner, person=_person(owner, person_id))
    return _person_out(request, owner, person_id)


@router.post(
    "/people/{person_id}/restore",
    response=answers(PersonOut),
    summary="Bring an archived person back",
)
def person_restore(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.person_restore(owner=owner, person=_person(owner, person_id))
    return _person_out(request, owner, person_id)


@router.delete(
    "/people/{person_id}",
    response=answers(None, status=204),
    summary="Forget a person, with their roles (interactions stay)",
)
def person_delete(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.person_delete(owner=owner, person=_person(owner, person_id))
    return Status(204, None)


# --- Roles ---------------------------------------------------------------------------------


def _role_out(held, today: dt.date) -> PersonRoleOut:
    return PersonRoleOut(
        role=held.role,
        started_on=held.started_on,
        ended_on=held.ended_on,
        held=held.is_held_on(today),
    )


@router.get(
    "/people/{person_id}/roles",
    response=answers(list[PersonRoleOut]),
    summary="A person's roles, held, past and to come",
)
def person_role_list(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION)
    today = today_for(owner)
    return [_role_out(held, today) for held in _person(owner, person_id).roles.all()]


@router.post(
    "/people/{person_id}/roles",
    response=answers(PersonRoleOut, status=201),
    summary="Say that a person plays a role for you",
)
def person_role_assign(request: HttpRequest, person_id: RecordId, payload: PersonRoleIn):
    owner = require(request, SECTION, write=True)
    person = _person(owner, person_id)
    held = services.role_assign(
        owner=owner, person=person, **cleaned(RoleAssignForm, payload.dict())
    )
    return Status(201, _role_out(held, today_for(owner)))


@router.post(
    "/people/{person_id}/roles/{role}/end",
    response=answers(PersonRoleOut),
    summary="Record that a person no longer plays a role, as of today",
)
def person_role_end(request: HttpRequest, person_id: RecordId, role: RoleName):
    owner = require(request, SECTION, write=True)
    person = _person(owner, person_id)
    today = today_for(owner)
    data = cleaned(RoleEndForm, {"role": role})
    return _role_out(services.role_end(owner=owner, person=person, today=today, **data), today)


@router.get(
    "/people/{person_id}/interactions",
    response=answers(list[InteractionOut]),
    summary="The interactions a person was part of, newest first",
)
@paginate(Page)
def person_interaction_list(request: HttpRequest, person_id: RecordId):
    owner = require(request, SECTION)
    return selectors.interactions_for_person(owner=owner, person=_person(owner, person_id))


# --- Interactions --------------------------------------------------------------------------


def _interaction_data(owner: Profile, given: dict, *, current: dict | None = None) -> dict:
    data = cleaned(InteractionForm, given, current=current, owner=owner)
    if "people" in data:
        data["people"] = list(data["people"])
    return data


@router.get(
    "/interactions", response=answers(list[InteractionOut]), summary="List interactions, newest"
)
@paginate(Page)
def interaction_list(request: HttpRequest, filters: Query[InteractionFilters]):
    owner = require(request, SECTION)
    return selectors.interaction_list(
        owner=owner, since=filters.since, until=filters.until, kind=filters.kind
    )


@router.get(
    "/interactions/{interaction_id}", response=answers(InteractionOut), summary="One interaction"
)
def interaction_get(request: HttpRequest, interaction_id: RecordId):
    owner = require(request, SECTION)
    return _interaction(owner, interaction_id)


@router.post(
    "/interactions", response=answers(InteractionOut, status=201), summary="Log an interaction"
)
def interaction_create(request: HttpRequest, payload: InteractionIn):
    owner = require(request, SECTION, write=True)
    interaction = services.interaction_log(owner=owner, **_interaction_data(owner, payload.dict()))
    return Status(201, _interaction(owner, interaction.pk))


@router.patch(
    "/interactions/{interaction_id}",
    response=answers(InteractionOut),
    summary="Correct an interaction",
)
def interaction_update(request: HttpRequest, interaction_id: RecordId, payload: InteractionChanges):
    owner = require(request, SECTION, write=True)
    interaction = _interaction(owner, interaction_id)
    given = payload.dict(exclude_unset=True)
    current = {
        "people": [person.pk for person in interaction.people.all()],
        **model_to_dict(
            interaction, fields=("occurred_on", "kind", "notes", "follow_ups", "follow_up_due")
        ),
    }
    data = _interaction_data(owner, given, current=current)
    services.interaction_update(
        owner=owner, interaction=interaction, **{name: data[name] for name in given}
    )
    return _interaction(owner, interaction.pk)


@router.delete(
    "/interactions/{interaction_id}",
    response=answers(None, status=204),
    summary="Delete an interaction",
)
def interaction_delete(request: HttpRequest, interaction_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.interaction_delete(owner=owner, interaction=_interaction(owner, interaction_id))
    return Status(204, None)
