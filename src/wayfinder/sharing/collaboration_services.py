"""Writes for what viewers send back through a share, and the owner's answers.

A viewer comments on an item the share shows (when the share allows comments); a
supervisor adds agenda points to a planned conversation with them and proposes agreed
actions and opportunities. The owner replies, resolves or deletes a comment, and accepts a
proposal into the plan in one step (through conversations' and plan's own services) or
declines it. Every viewer write re-reads the share through `share_for_viewer`, so a
revoked or expired share refuses it at once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from wayfinder.conversations.services import (
    ConversationError,
    agreed_action_add,
    agreed_action_to_plan,
)
from wayfinder.core.checks import ensure_owned, max_length
from wayfinder.core.models import Profile
from wayfinder.core.parsing import one_line
from wayfinder.core.storable import text_problem
from wayfinder.plan.models import OpportunitySource
from wayfinder.plan.services import PlanError, opportunity_create
from wayfinder.sharing.collaboration_selectors import item_for_share
from wayfinder.sharing.models import (
    SECTION_OF_KIND,
    AgendaPoint,
    Comment,
    ItemKind,
    Proposal,
    ProposalKind,
    ProposalStatus,
    SectionKey,
    Share,
)
from wayfinder.sharing.selectors import share_for_viewer

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# A viewer writes at most this many comments, agenda points and proposals in an hour.
CONTRIBUTIONS_PER_HOUR = 20
COMMENT_MAX_CHARACTERS = 5000


class CollaborationError(ValueError):
    """A comment or proposal that cannot be written as given; the message says why."""


class ShareClosed(CollaborationError):
    """The share is not (or no longer) the viewer's, or does not show this: a 404."""


class TooManyContributions(CollaborationError):
    """The viewer wrote too much in the last hour."""


def _open_share(viewer: AbstractBaseUser, share: Share, section: str, today: dt.date) -> Share:
    found = share_for_viewer(viewer, share.pk, today, section)
    if found is None:
        raise ShareClosed("this share is not open to you")
    return found


def _throttle(viewer: AbstractBaseUser, now: dt.datetime) -> None:
    """Refuse the write when the viewer wrote the most allowed in the past hour. Counted
    under the viewer's row lock, so requests at once cannot all slip under the limit."""
    get_user_model().objects.select_for_update().filter(pk=viewer.pk).first()
    since = now - dt.timedelta(hours=1)
    written = (
        Comment.objects.filter(author_id=viewer.pk, created_at__gte=since).count()
        + AgendaPoint.objects.filter(share__viewer_id=viewer.pk, created_at__gte=since).count()
        + Proposal.objects.filter(share__viewer_id=viewer.pk, created_at__gte=since).count()
    )
    if written >= CONTRIBUTIONS_PER_HOUR:
        raise TooManyContributions(
            f"you have written {CONTRIBUTIONS_PER_HOUR} comments and proposals in the last "
            "hour: wait a little and try again"
        )


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise CollaborationError("write something to send")
    problem = text_problem(body)
    if problem:
        raise CollaborationError(f"the comment {problem}")
    if len(body) > COMMENT_MAX_CHARACTERS:
        raise CollaborationError(f"keep a comment under {COMMENT_MAX_CHARACTERS} characters")
    return body


def _clean_line(text: str, *, model: type[Any], field: str, what: str) -> str:
    text = one_line(text)
    if not text:
        raise CollaborationError(f"{what} needs a few words")
    problem = text_problem(text)
    if problem:
        raise CollaborationError(f"{what} {problem}")
    limit = max_length(model, field)
    if len(text) > limit:
        raise CollaborationError(f"keep {what} under {limit} characters")
    return text


def _ensure_owned(owner: Profile, obj: Any, what: str) -> None:
    ensure_owned(owner, obj, what, error=CollaborationError)


@transaction.atomic
def comment_add(
    *,
    viewer: AbstractBaseUser,
    share: Share,
    item_kind: str,
    item_id: int,
    body: str,
    now: dt.datetime,
    today: dt.date,
) -> Comment:
    """A viewer's comment on an item their share shows, when the share allows comments."""
    if item_kind not in ItemKind.values:
        raise ShareClosed(f"unknown kind of item {item_kind!r}")
    share = _open_share(viewer, share, SECTION_OF_KIND[item_kind], today)
    if not share.allow_comments:
        raise CollaborationError("this share does not take comments")
    if item_for_share(share, item_kind, item_id, today) is None:
        raise ShareClosed("this share does not show that")
    body = _clean_body(body)
    _throttle(viewer, now)
    return Comment.objects.create(
        owner=share.owner,
        share=share,
        author_id=viewer.pk,
        **{f"{item_kind}_id": item_id},
        body=body,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def comment_reply(*, owner: Profile, comment: Comment, body: str, now: dt.datetime) -> Comment:
    """The owner's answer to a viewer's comment; the viewer sees it under their comment."""
    _ensure_owned(owner, comment, "comment")
    thread = comment.reply_to or comment
    return Comment.objects.create(
        owner=owner,
        share_id=thread.share_id,
        author_id=owner.user_id,
        from_owner=True,
        reply_to=thread,
        **{f"{thread.item_kind}_id": thread.item_id},
        body=_clean_body(body),
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def comment_resolve(*, owner: Profile, comment: Comment, now: dt.datetime) -> Comment:
    """Mark a comment dealt with: it leaves the owner's week (its thread stays readable)."""
    _ensure_owned(owner, comment, "comment")
    if comment.resolved_at is None:
        comment.resolved_at = now
        comment.save(update_fields=["resolved_at"])
    return comment


@transaction.atomic
def comment_delete(*, owner: Profile, comment: Comment) -> None:
    """Remove a comment (and the replies under it)."""
    _ensure_owned(owner, comment, "comment")
    comment.delete()


def _planned_conversation(share: Share, conversation_id: int, today: dt.date) -> int:
    """The id of a planned conversation the share shows (one with the share's person)."""
    conversation = item_for_share(share, ItemKind.CONVERSATION, conversation_id, today)
    if conversation is None:
        raise ShareClosed("this share does not show that conversation")
    if not conversation["is_planned"]:
        raise CollaborationError("this conversation is not planned any more")
    return conversation_id


@transaction.atomic
def agenda_point_add(
    *,
    viewer: AbstractBaseUser,
    share: Share,
    conversation_id: int,
    text: str,
    now: dt.datetime,
    today: dt.date,
) -> AgendaPoint:
    """A supervisor's own point for the agenda of a planned conversation with them."""
    share = _open_share(viewer, share, SectionKey.CONVERSATIONS, today)
    conversation_id = _planned_conversation(share, conversation_id, today)
    text = _clean_line(text, model=AgendaPoint, field="text", what="an agenda point")
    _throttle(viewer, now)
    return AgendaPoint.objects.create(
        owner=share.owner,
        share=share,
        conversation_id=conversation_id,
        text=text,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def agenda_point_delete(*, owner: Profile, point: AgendaPoint) -> None:
    _ensure_owned(owner, point, "agenda point")
    point.delete()


@transaction.atomic
def proposal_add(
    *,
    viewer: AbstractBaseUser,
    share: Share,
    kind: str,
    title: str,
    now: dt.datetime,
    today: dt.date,
    conversation_id: int | None = None,
    description: str = "",
    due_on: dt.date | None = None,
) -> Proposal:
    """A supervisor proposes an agreed action for a planned conversation with them, or an
    opportunity (through a share of the conversations or of the plan)."""
    if kind == ProposalKind.ACTION:
        if conversation_id is None:
            raise CollaborationError("an action is proposed for a conversation")
        share = _open_share(viewer, share, SectionKey.CONVERSATIONS, today)
        conversation_id = _planned_conversation(share, conversation_id, today)
    elif kind == ProposalKind.OPPORTUNITY:
        found = share_for_viewer(viewer, share.pk, today)
        if found is None or not (
            found.allows(SectionKey.CONVERSATIONS) or found.allows(SectionKey.PLAN)
        ):
            raise ShareClosed("this share is not open to you")
        share, conversation_id = found, None
    else:
        raise CollaborationError(f"unknown kind of proposal {kind!r}")
    title = _clean_line(title, model=Proposal, field="title", what="a proposal")
    description = description.strip()
    problem = text_problem(description)
    if problem:
        raise CollaborationError(f"the description {problem}")
    if due_on is not None and due_on < today:
        raise CollaborationError("the date it is due has passed: pick today or a later day")
    _throttle(viewer, now)
    return Proposal.objects.create(
        owner=share.owner,
        share=share,
        kind=kind,
        conversation_id=conversation_id,
        title=title,
        description=description,
        due_on=due_on,
        created_at=now,
        updated_at=now,
    )


def _waiting(owner: Profile, proposal: Proposal) -> Proposal:
    _ensure_owned(owner, proposal, "proposal")
    locked = (
        Proposal.objects.for_owner(owner)
        .select_for_update(of=("self",))
        .select_related("share__person", "conversation")
        .get(pk=proposal.pk)
    )
    if not locked.is_proposed:
        raise CollaborationError(f"this proposal was already {locked.get_status_display().lower()}")
    return locked


@transaction.atomic
def proposal_accept(*, owner: Profile, proposal: Proposal, today: dt.date) -> Proposal:
    """Take a proposal into the plan in one step: an action becomes an agreed action of its
    conversation and a plan action; an opportunity is noted as spotted, brought by the
    share's person."""
    locked = _waiting(owner, proposal)
    try:
        if locked.conversation is not None:  # an action, proposed for its conversation
            agreed = agreed_action_add(
                owner=owner,
                conversation=locked.conversation,
                description=locked.title,
                due_on=locked.due_on,
            )
            agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
            locked.agreed_action = agreed
        else:
            locked.opportunity = opportunity_create(
                owner=owner,
                title=locked.title,
                description=locked.description,
                spotted_on=today,
                source=OpportunitySource.MANAGER,
                brought_by=locked.share.person,
            )
    except (ConversationError, PlanError) as error:
        raise CollaborationError(str(error)) from error
    locked.status = ProposalStatus.ACCEPTED
    locked.decided_on = today
    locked.save(update_fields=["status", "decided_on", "agreed_action", "opportunity"])
    return locked


@transaction.atomic
def proposal_decline(*, owner: Profile, proposal: Proposal, today: dt.date) -> Proposal:
    """Say no to a proposal; the viewer sees it declined."""
    locked = _waiting(owner, proposal)
    locked.status = ProposalStatus.DECLINED
    locked.decided_on = today
    locked.save(update_fields=["status", "decided_on"])
    return locked
