"""Development conversations with the supervisor and the actions agreed in them:
`/api/v1/conversations` (agreed actions nested in each), `/api/v1/agreed-actions/open`.

Every write binds its body to the conversation pages' own forms (api/form_binding.py), so
a planned conversation is dated ahead and a recorded one on or before today, as on the
page, and calls the service the page calls. Private notes are read and written only with
the `private` scope.
"""

import datetime as dt
from typing import Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import ScopeMissing, private_allowed, require
from wayfinder.api.dated import within
from wayfinder.api.form_binding import cleaned
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import BodyId, RecordId, Text, answers, private_value
from wayfinder.conversations import selectors, services
from wayfinder.conversations.forms import AgreedActionForm, ConversationForm
from wayfinder.conversations.models import AgreedActionOwner, ConversationStatus
from wayfinder.core.clock import today_for
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward

router = Router(tags=["conversations"])
SECTION = "conversations"

StatusName = Literal[tuple(ConversationStatus.values)]
WhoName = Literal[tuple(AgreedActionOwner.values)]


class ConversationPlanIn(Schema):
    held_on: dt.date = Field(description="Today or later.")
    supervisor: BodyId | None = Field(
        None, description="The id of the person you meet; empty: your manager on that day."
    )
    agenda: Text = ""


class ConversationRecordIn(Schema):
    held_on: dt.date = Field(description="Today or earlier.")
    supervisor: BodyId | None = Field(
        None, description="The id of the person you met; empty: your manager on that day."
    )
    agenda: Text = ""
    notes: Text = Field("", description="What you talked about and what you heard.")
    private_notes: Text = Field("", description="Needs the `private` scope.")


class ConversationRecordPlannedIn(Schema):
    """Record a planned conversation as held; what is not given stays as planned."""

    held_on: dt.date | None = Field(None, description="Today or earlier; empty: as planned.")
    supervisor: BodyId | None = None
    agenda: Text | None = None
    notes: Text = ""
    private_notes: Text = Field("", description="Needs the `private` scope.")


class ConversationChanges(Schema):
    """Only the fields given change; null clears the supervisor. A planned conversation
    has no notes until it is recorded."""

    held_on: dt.date | None = None
    supervisor: BodyId | None = None
    agenda: Text | None = None
    notes: Text | None = None
    private_notes: Text | None = Field(None, description="Needs the `private` scope.")


class AgreedActionIn(Schema):
    description: Text = Field(description="e.g. 'Present the Q3 results to the CRO'.")
    who: WhoName = AgreedActionOwner.ME.value
    due_on: dt.date | None = None


class AgreedActionOut(Schema):
    id: int
    conversation: int = Field(alias="conversation_id")
    description: str
    who: str
    due_on: dt.date | None
    done: bool
    plan_action: int | None = Field(
        alias="plan_action_id", description="The development action made from it, if any."
    )


class ConversationOut(Schema):
    id: int
    held_on: dt.date
    status: str
    supervisor: int | None = Field(alias="supervisor_id")
    agenda: str
    notes: str
    private_notes: str | None = Field(description="Null without the `private` scope.")
    agreed_actions: list[AgreedActionOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_agreed_actions(conversation) -> list:
        return list(conversation.agreed_actions.all())

    @staticmethod
    def resolve_private_notes(conversation) -> str | None:
        return private_value(conversation, "private_notes")


class ConversationFilters(DateFilters):
    """`since` and `until` bound the day it is (or was) held."""

    status: StatusName | None = None


def _conversations(request: HttpRequest, owner: Profile, status: str | None = None):
    """The owner's conversations as the request may read them: the projection without
    `private`."""
    conversations = selectors.conversation_list(owner=owner, status=status)
    return conversations if private_allowed(request) else outward(conversations)


def _conversation_out(request: HttpRequest, owner: Profile, conversation_id: int):
    return get_object_or_404(_conversations(request, owner), pk=conversation_id)


def _conversation(owner: Profile, conversation_id: int):
    """One of the owner's conversations, with its agreed actions, to change (read in full:
    the owner's own)."""
    return get_object_or_404(selectors.conversation_list(owner=owner), pk=conversation_id)


def _agreed_action(owner: Profile, conversation_id: int, agreed_action_id: int):
    conversation = _conversation(owner, conversation_id)
    found = next((a for a in conversation.agreed_actions.all() if a.pk == agreed_action_id), None)
    if found is None:
        raise Http404("no such agreed action in this conversation")
    return found


def _refuse_private(request: HttpRequest, given: str | None) -> None:
    if given and not private_allowed(request):
        raise ScopeMissing("private_notes needs the private scope")


def _form(owner: Profile, stage: str, given: dict, current: dict | None = None) -> dict:
    return cleaned(
        ConversationForm, given, current=current, owner=owner, today=today_for(owner), stage=stage
    )


# --- Conversations -------------------------------------------------------------------------


@router.get(
    "/conversations",
    response=answers(list[ConversationOut]),
    summary="List conversations, newest first, with their agreed actions",
)
@paginate(Page)
def conversation_list(request: HttpRequest, filters: Query[ConversationFilters]):
    owner = require(request, SECTION)
    return within(_conversations(request, owner, filters.status), "held_on", filters)


@router.post(
    "/conversations",
    response=answers(ConversationOut, status=201),
    summary="Plan the next conversation, with its agenda",
)
def conversation_plan(request: HttpRequest, payload: ConversationPlanIn):
    owner = require(request, SECTION, write=True)
    data = _form(owner, ConversationStatus.PLANNED, payload.dict())
    conversation = services.conversation_plan(owner=owner, **data)
    return Status(201, _conversation_out(request, owner, conversation.pk))


@router.post(
    "/conversations/record",
    response=answers(ConversationOut, status=201),
    summary="Record a conversation that was held",
)
def conversation_record(request: HttpRequest, payload: ConversationRecordIn):
    owner = require(request, SECTION, write=True)
    _refuse_private(request, payload.private_notes)
    data = _form(owner, ConversationStatus.HELD, payload.dict())
    conversation = services.conversation_record(owner=owner, **data)
    return Status(201, _conversation_out(request, owner, conversation.pk))


# After /conversations/record, which Django would otherwise take for an id.
@router.get(
    "/conversations/{conversation_id}",
    response=answers(ConversationOut),
    summary="One conversation",
)
def conversation_get(request: HttpRequest, conversation_id: RecordId):
    owner = require(request, SECTION)
    return _conversation_out(request, owner, conversation_id)


@router.post(
    "/conversations/{conversation_id}/record",
    response=answers(ConversationOut),
    summary="Record a planned conversation as held",
)
def conversation_record_planned(
    request: HttpRequest, conversation_id: RecordId, payload: ConversationRecordPlannedIn
):
    owner = require(request, SECTION, write=True)
    _refuse_private(request, payload.private_notes)
    conversation = _conversation(owner, conversation_id)
    # What the page proposes: the planned day (today at the latest), supervisor and agenda.
    current = {
        "held_on": min(conversation.held_on, today_for(owner)),
        "supervisor": conversation.supervisor_id,
        "agenda": conversation.agenda,
    }
    given = payload.dict(exclude_unset=True)
    data = _form(owner, ConversationStatus.HELD, given, current)
    services.conversation_record(owner=owner, conversation=conversation, **data)
    return _conversation_out(request, owner, conversation.pk)


@router.patch(
    "/conversations/{conversation_id}",
    response=answers(ConversationOut),
    summary="Correct a conversation",
)
def conversation_update(
    request: HttpRequest, conversation_id: RecordId, payload: ConversationChanges
):
    owner = require(request, SECTION, write=True)
    given = payload.dict(exclude_unset=True)
    _refuse_private(request, given.get("private_notes"))
    conversation = _conversation(owner, conversation_id)
    current = {
        "held_on": conversation.held_on,
        "supervisor": conversation.supervisor_id,
        "agenda": conversation.agenda,
        "notes": conversation.notes,
        "private_notes": conversation.private_notes,
    }
    if conversation.is_planned:
        # The planned stage's form has no notes (the page shows them once it is held).
        current = {name: current[name] for name in ("held_on", "supervisor", "agenda")}
    data = _form(owner, conversation.status, given, current)
    services.conversation_update(
        owner=owner, conversation=conversation, **{name: data[name] for name in given}
    )
    return _conversation_out(request, owner, conversation.pk)


@router.post(
    "/conversations/{conversation_id}/cancel",
    response=answers(ConversationOut),
    summary="Call off a planned conversation",
)
def conversation_cancel(request: HttpRequest, conversation_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.conversation_cancel(owner=owner, conversation=_conversation(owner, conversation_id))
    return _conversation_out(request, owner, conversation_id)


@router.delete(
    "/conversations/{conversation_id}",
    response=answers(None, status=204),
    summary="Delete a conversation and its agreed actions (plan actions made stay)",
)
def conversation_delete(request: HttpRequest, conversation_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.conversation_delete(owner=owner, conversation=_conversation(owner, conversation_id))
    return Status(204, None)


# --- Agreed actions ------------------------------------------------------------------------


@router.get(
    "/conversations/{conversation_id}/agreed-actions",
    response=answers(list[AgreedActionOut]),
    summary="The actions agreed in a conversation",
)
def conversation_agreed_action_list(request: HttpRequest, conversation_id: RecordId):
    owner = require(request, SECTION)
    return _conversation_out(request, owner, conversation_id).agreed_actions.all()


@router.post(
    "/conversations/{conversation_id}/agreed-actions",
    response=answers(AgreedActionOut, status=201),
    summary="Note an action agreed in a conversation",
)
def agreed_action_add(request: HttpRequest, conversation_id: RecordId, payload: AgreedActionIn):
    owner = require(request, SECTION, write=True)
    conversation = _conversation(owner, conversation_id)
    data = cleaned(AgreedActionForm, payload.dict())
    return Status(201, services.agreed_action_add(owner=owner, conversation=conversation, **data))


@router.get(
    "/agreed-actions/open",
    response=answers(list[AgreedActionOut]),
    summary="Agreed actions not done yet, soonest due first: the next agenda's follow-ups",
)
@paginate(Page)
def agreed_action_open_list(request: HttpRequest):
    owner = require(request, SECTION)
    return selectors.open_agreed_actions(owner=owner)


@router.post(
    "/conversations/{conversation_id}/agreed-actions/{agreed_action_id}/done",
    response=answers(AgreedActionOut),
    summary="Mark an agreed action done (its plan action too, if open)",
)
def agreed_action_done(request: HttpRequest, conversation_id: RecordId, agreed_action_id: RecordId):
    owner = require(request, SECTION, write=True)
    return services.agreed_action_done(
        owner=owner,
        agreed_action=_agreed_action(owner, conversation_id, agreed_action_id),
        today=today_for(owner),
    )


@router.post(
    "/conversations/{conversation_id}/agreed-actions/{agreed_action_id}/to-plan",
    response=answers(AgreedActionOut),
    summary="Turn an agreed action into a development action in the plan",
)
def agreed_action_to_plan(
    request: HttpRequest, conversation_id: RecordId, agreed_action_id: RecordId
):
    owner = require(request, SECTION, write=True)
    agreed_action = _agreed_action(owner, conversation_id, agreed_action_id)
    services.agreed_action_to_plan(owner=owner, agreed_action=agreed_action, today=today_for(owner))
    return agreed_action


@router.delete(
    "/conversations/{conversation_id}/agreed-actions/{agreed_action_id}",
    response=answers(None, status=204),
    summary="Delete an agreed action",
)
def agreed_action_delete(
    request: HttpRequest, conversation_id: RecordId, agreed_action_id: RecordId
):
    owner = require(request, SECTION, write=True)
    services.agreed_action_delete(
        owner=owner, agreed_action=_agreed_action(owner, conversation_id, agreed_action_id)
    )
    return Status(204, None)
