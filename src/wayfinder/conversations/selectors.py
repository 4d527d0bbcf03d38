"""Reads for development conversations: the last one, the next one, the open follow-ups."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Prefetch, QuerySet

from wayfinder.conversations.models import (
    AgreedAction,
    ConversationStatus,
    DevelopmentConversation,
)
from wayfinder.conversations.services import ConversationError
from wayfinder.core.models import Profile


def last_conversation(
    *, owner: Profile, today: dt.date | None = None, before: dt.date | None = None
) -> DevelopmentConversation | None:
    """The most recent conversation that was held (on or before `today`, and before the day
    `before`, if given)."""
    held = DevelopmentConversation.objects.for_owner(owner).filter(status=ConversationStatus.HELD)
    if today is not None:
        held = held.filter(held_on__lte=today)
    if before is not None:
        held = held.filter(held_on__lt=before)
    return held.select_related("supervisor").order_by("-held_on", "-id").first()


def days_since_last_conversation(*, owner: Profile, today: dt.date) -> int | None:
    """Days from the last held conversation to `today`; None if there was none."""
    return days_since_conversation(last_conversation(owner=owner, today=today), today=today)


def days_since_conversation(last: DevelopmentConversation | None, *, today: dt.date) -> int | None:
    """Days from `last` (the last held conversation, `last_conversation`) to `today`; None
    if there was none."""
    return None if last is None else (today - last.held_on).days


def conversations_held(
    *, owner: Profile, since: dt.date, until: dt.date
) -> QuerySet[DevelopmentConversation]:
    """The conversations held from `since` to `until` (both included), latest first."""
    return (
        DevelopmentConversation.objects.for_owner(owner)
        .filter(status=ConversationStatus.HELD, held_on__gte=since, held_on__lte=until)
        .order_by("-held_on", "-id")
    )


def conversation_due(*, days_since: int | None, after_days: int) -> bool:
    """A development conversation is due when none was held, or the last is more than
    `after_days` old (the owner's `supervisor_days`)."""
    return days_since is None or days_since > after_days


def next_planned_conversation(*, owner: Profile, today: dt.date) -> DevelopmentConversation | None:
    """The earliest planned conversation from `today` on."""
    return (
        DevelopmentConversation.objects.for_owner(owner)
        .filter(status=ConversationStatus.PLANNED, held_on__gte=today)
        .select_related("supervisor")
        .order_by("held_on", "id")
        .first()
    )


def conversation_list(
    *, owner: Profile, status: str | None = None
) -> QuerySet[DevelopmentConversation]:
    """Conversations newest first, with supervisor and agreed actions (and their plan
    actions): two queries whatever the number."""
    conversations = DevelopmentConversation.objects.for_owner(owner)
    if status is not None:
        if status not in ConversationStatus.values:
            raise ConversationError(f"unknown status {status!r}")
        conversations = conversations.filter(status=status)
    actions = AgreedAction.objects.select_related("plan_action").order_by("id")
    return (
        conversations.select_related("supervisor")
        .prefetch_related(Prefetch("agreed_actions", queryset=actions))
        .order_by("-held_on", "-id")
    )


def open_agreed_actions(*, owner: Profile) -> QuerySet[AgreedAction]:
    """Agreed actions not done yet, soonest due first (undated last): the next agenda's
    follow-ups."""
    return (
        AgreedAction.objects.for_owner(owner)
        .filter(done=False)
        .exclude(conversation__status=ConversationStatus.CANCELLED)
        .select_related("conversation", "plan_action")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
