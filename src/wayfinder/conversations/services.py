"""Writes for development conversations with the supervisor and the actions agreed in them."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TypedDict, Unpack

from django.db import transaction

from wayfinder.conversations.models import (
    AgreedAction,
    AgreedActionOwner,
    ConversationStatus,
    DevelopmentConversation,
)
from wayfinder.core.checks import ensure_owned, max_length, reject_unknown
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.network.models import Person, PersonRole, Role
from wayfinder.plan.models import ActionStatus, DevelopmentAction
from wayfinder.plan.services import action_create


class ConversationError(ValueError):
    """A change to a conversation or an agreed action that cannot be made; says why."""


_ensure_owned = partial(ensure_owned, error=ConversationError)


def current_manager(*, owner: Profile, today: dt.date) -> Person | None:
    """The active person who is the owner's manager on `today` (the latest appointed, if
    several)."""
    role = (
        PersonRole.objects.for_owner(owner)
        .held_on(today)
        .filter(role=Role.MANAGER, person__is_active=True)
        .select_related("person")
        .order_by("-started_on", "-id")
        .first()
    )
    return role.person if role else None


def _supervisor(owner: Profile, supervisor: Person | None, held_on: dt.date) -> Person | None:
    # A development conversation is with the supervisor: unless named, the manager on the
    # day it is held.
    _ensure_owned(owner, supervisor, "person")
    if supervisor is not None:
        return supervisor
    return current_manager(owner=owner, today=held_on)


@transaction.atomic
def conversation_plan(
    *,
    owner: Profile,
    held_on: dt.date,
    supervisor: Person | None = None,
    agenda: str = "",
) -> DevelopmentConversation:
    """Put the next conversation in the diary with its agenda; with the manager on the day
    it is held unless another supervisor is named."""
    return DevelopmentConversation.objects.create(
        owner=owner,
        held_on=held_on,
        supervisor=_supervisor(owner, supervisor, held_on),
        status=ConversationStatus.PLANNED,
        agenda=agenda.strip(),
    )


@transaction.atomic
def conversation_record(
    *,
    owner: Profile,
    held_on: dt.date,
    notes: str = "",
    private_notes: str = "",
    conversation: DevelopmentConversation | None = None,
    supervisor: Person | None = None,
    agenda: str | None = None,
) -> DevelopmentConversation:
    """Record a conversation as held: the planned one given, or a new one.

    The supervisor and agenda of a planned conversation stay unless new ones are given.
    """
    _ensure_owned(owner, conversation, "conversation")
    _ensure_owned(owner, supervisor, "person")
    if conversation is None:
        conversation = DevelopmentConversation(
            owner=owner,
            supervisor=_supervisor(owner, supervisor, held_on),
            agenda=(agenda or "").strip(),
        )
    else:
        if conversation.status != ConversationStatus.PLANNED:
            raise ConversationError(
                f"the conversation on {date_shown(conversation.held_on)} is already "
                f"{conversation.get_status_display().lower()}; change it instead"
            )
        if supervisor is not None:
            conversation.supervisor = supervisor
        if agenda is not None:
            conversation.agenda = agenda.strip()
    conversation.held_on = held_on
    conversation.status = ConversationStatus.HELD
    conversation.notes = notes.strip()
    conversation.private_notes = private_notes.strip()
    conversation.save()
    return conversation


class ConversationChanges(TypedDict, total=False):
    held_on: dt.date
    supervisor: Person | None
    agenda: str
    notes: str
    private_notes: str


@transaction.atomic
def conversation_update(
    *,
    owner: Profile,
    conversation: DevelopmentConversation,
    **changes: Unpack[ConversationChanges],
) -> DevelopmentConversation:
    """Correct a conversation; only the fields given change (supervisor None clears it)."""
    _ensure_owned(owner, conversation, "conversation")
    reject_unknown(changes, ConversationChanges)
    _ensure_owned(owner, changes.get("supervisor"), "person")
    for field, value in changes.items():
        setattr(conversation, field, value.strip() if isinstance(value, str) else value)
    conversation.save()
    return conversation


@transaction.atomic
def conversation_cancel(
    *, owner: Profile, conversation: DevelopmentConversation
) -> DevelopmentConversation:
    """Call off a planned conversation; a held one stays held."""
    _ensure_owned(owner, conversation, "conversation")
    if conversation.status == ConversationStatus.HELD:
        raise ConversationError("a conversation that was held cannot be cancelled")
    conversation.status = ConversationStatus.CANCELLED
    conversation.save(update_fields=["status"])
    return conversation


@transaction.atomic
def conversation_delete(*, owner: Profile, conversation: DevelopmentConversation) -> None:
    """Remove a conversation and its agreed actions; plan actions made from them stay."""
    _ensure_owned(owner, conversation, "conversation")
    conversation.delete()


def _clean_description(description: str) -> str:
    description = " ".join(description.split())
    if not description:
        raise ConversationError("an agreed action needs a description")
    limit = max_length(AgreedAction, "description")
    if len(description) > limit:
        raise ConversationError(f"keep an agreed action under {limit} characters")
    return description


def _check_who(who: str) -> None:
    if who not in AgreedActionOwner.values:
        raise ConversationError(
            f"unknown owner of the action {who!r}: use one of {', '.join(AgreedActionOwner.values)}"
        )


@transaction.atomic
def agreed_action_add(
    *,
    owner: Profile,
    conversation: DevelopmentConversation,
    description: str,
    who: str = AgreedActionOwner.ME,
    due_on: dt.date | None = None,
) -> AgreedAction:
    """Note a follow-up agreed in a conversation: who does it, by when."""
    _ensure_owned(owner, conversation, "conversation")
    if conversation.status == ConversationStatus.CANCELLED:
        raise ConversationError("nothing can be agreed in a cancelled conversation")
    _check_who(who)
    return AgreedAction.objects.create(
        owner=owner,
        conversation=conversation,
        description=_clean_description(description),
        who=who,
        due_on=due_on,
    )


@transaction.atomic
def agreed_action_delete(*, owner: Profile, agreed_action: AgreedAction) -> None:
    _ensure_owned(owner, agreed_action, "agreed action")
    agreed_action.delete()


def _plan_title(agreed_action: AgreedAction) -> str:
    title = agreed_action.description
    if agreed_action.who == AgreedActionOwner.SUPERVISOR:
        # The supervisor's promise belongs in the plan too, but it must say whose it is.
        title = f"{title} (supervisor's action)"
    limit = max_length(DevelopmentAction, "title")
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "\u2026"


@transaction.atomic
def agreed_action_to_plan(
    *, owner: Profile, agreed_action: AgreedAction, today: dt.date
) -> DevelopmentAction:
    """Turn an agreed action into a development action in the plan, in one step.

    Idempotent: while the plan action exists, asking again returns it.
    """
    _ensure_owned(owner, agreed_action, "agreed action")
    # Locked so two requests at once cannot both create a plan action.
    locked = (
        AgreedAction.objects.for_owner(owner)
        .select_for_update(of=("self",))
        .select_related("conversation", "plan_action")
        .get(pk=agreed_action.pk)
    )
    if locked.plan_action is None:
        if locked.done:
            raise ConversationError("this agreed action is already done: there is nothing to plan")
        held_on = locked.conversation.held_on
        locked.plan_action = action_create(
            owner=owner,
            title=_plan_title(locked),
            due_on=locked.due_on,
            notes=(
                f"{locked.description}\n\nAgreed in the development conversation of "
                f"{held_on.isoformat()}; added to the plan on {today.isoformat()}."
            ),
        )
        locked.save(update_fields=["plan_action"])
    agreed_action.plan_action = locked.plan_action
    return locked.plan_action


@transaction.atomic
def agreed_action_done(
    *, owner: Profile, agreed_action: AgreedAction, today: dt.date
) -> AgreedAction:
    """Mark an agreed action done; the plan action made from it, if still open, is done
    `today` too, so the plan does not show it overdue."""
    _ensure_owned(owner, agreed_action, "agreed action")
    if agreed_action.done:
        return agreed_action
    agreed_action.done = True
    agreed_action.save(update_fields=["done"])
    if agreed_action.plan_action_id is not None:
        plan_action = DevelopmentAction.objects.for_owner(owner).get(
            pk=agreed_action.plan_action_id
        )
        if plan_action.is_open:
            plan_action.status = ActionStatus.DONE
            plan_action.completed_on = today
            plan_action.save(update_fields=["status", "completed_on"])
    return agreed_action
