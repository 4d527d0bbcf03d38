"""Reads for what viewers send back: comments on items, a supervisor's agenda points and
proposals, and the notices the owner gets about them (this week, `today`, the digest).

An item is found through its own app's selectors, read from the privacy projection: a
notice quotes only an item's title, never a private field.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from django.urls import reverse

from wayfinder.conversations.selectors import conversation_list
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward
from wayfinder.direction.selectors import goal_list
from wayfinder.experiments.selectors import experiment_list
from wayfinder.guidance.selectors import DUE, WeekItem
from wayfinder.plan.selectors import action_list
from wayfinder.sharing.models import (
    SECTION_OF_KIND,
    AgendaPoint,
    Comment,
    ItemKind,
    Proposal,
    ProposalStatus,
    Share,
)
from wayfinder.sharing.sections import project
from wayfinder.sharing.selectors import shares_expiring
from wayfinder.wins.selectors import win_list

if TYPE_CHECKING:
    from wayfinder.conversations.models import DevelopmentConversation

# Comments and proposals newer than this many days are news in the owner's week.
NEWS_DAYS = 7
# A share this close to its expiry is mentioned in the owner's week.
EXPIRY_NOTICE_DAYS = 7


def _conversations(owner: Profile) -> QuerySet[Any]:
    return conversation_list(owner=owner)


# Each kind's items, owner-scoped, from its app's selectors.
_ITEMS: dict[str, Callable[[Profile], QuerySet[Any]]] = {
    ItemKind.ACTION: lambda owner: action_list(owner=owner),
    ItemKind.GOAL: lambda owner: goal_list(owner=owner),
    ItemKind.WIN: lambda owner: win_list(owner=owner),
    ItemKind.EXPERIMENT: lambda owner: experiment_list(owner=owner),
    ItemKind.CONVERSATION: _conversations,
}


def item_title(kind: str, item: Any) -> str:
    """How a notice names an item: its title, or a conversation's date."""
    if kind == ItemKind.CONVERSATION:
        return f"the development conversation of {date_shown(item.held_on)}"
    return str(item.title)


def item_url(kind: str, item: Any) -> str:
    """The item's own page, for the owner (an action lives on the plan page)."""
    if kind == ItemKind.ACTION:
        return f"{reverse('plan:plan')}#action-{item.pk}"
    return str(item.get_absolute_url())


# The list in each section's projection that holds the items of a kind.
_PROJECTED_LIST: dict[str, str] = {
    ItemKind.ACTION: "actions",
    ItemKind.GOAL: "goals",
    ItemKind.WIN: "wins",
    ItemKind.EXPERIMENT: "experiments",
    ItemKind.CONVERSATION: "conversations",
}


def item_for_share(share: Share, kind: str, item_id: int, today: dt.date) -> dict[str, Any] | None:
    """The item `kind`/`item_id` as `share` shows it today (its section's projection, so
    the section, the period and, for a conversation, the share's person all apply), or
    None when the share does not show it."""
    section = SECTION_OF_KIND.get(kind)
    if section is None or not share.allows(section):
        return None
    shown = project(share, section, today)[_PROJECTED_LIST[kind]]
    return next((item for item in shown if item["id"] == item_id), None)


def item_of(owner: Profile, kind: str, item_id: int) -> Any | None:
    """One of the owner's items, from its app's selectors, or None (deleted since)."""
    if kind not in _ITEMS:
        return None
    return outward(_ITEMS[kind](owner).filter(pk=item_id)).first()


def _threads(comments: QuerySet[Comment]) -> list[Comment]:
    """The comments as threads, oldest first: each first comment with its `thread_replies`.
    One query whatever the number (a reply is on the same item as the comment it answers),
    so a page's count does not depend on whether anyone replied."""
    rows = list(comments.select_related("share__person").order_by("created_at", "id"))
    replies: dict[int, list[Comment]] = defaultdict(list)
    for row in rows:
        if row.reply_to_id is not None:
            replies[row.reply_to_id].append(row)
    threads = [row for row in rows if row.reply_to_id is None]
    for thread in threads:
        thread.thread_replies = replies.get(thread.pk, [])
    return threads


def comments_on_item(*, owner: Profile, kind: str, item_id: int) -> list[Comment]:
    """Every viewer's comments on one of the owner's items, oldest first, with replies."""
    return _threads(Comment.objects.for_owner(owner).filter(**{f"{kind}_id": item_id}))


def comments_on_kind(*, owner: Profile, kind: str) -> dict[int, list[Comment]]:
    """The owner's comment threads on every item of `kind`, by item id (for a list page)."""
    by_item: dict[int, list[Comment]] = defaultdict(list)
    for comment in _threads(Comment.objects.for_owner(owner).filter(**{f"{kind}__isnull": False})):
        by_item[comment.item_id].append(comment)
    return dict(by_item)


def comments_for_viewer(*, share: Share, kind: str, item_ids: Iterable[int]) -> dict[int, list]:
    """The comment threads of this share on the given items, by item id: a viewer sees
    their own comments and the owner's replies, never another viewer's."""
    by_item: dict[int, list[Comment]] = defaultdict(list)
    comments = Comment.objects.for_owner(share.owner).filter(
        share_id=share.pk, **{f"{kind}_id__in": list(item_ids)}
    )
    for comment in _threads(comments):
        by_item[comment.item_id].append(comment)
    return dict(by_item)


def agenda_points(
    *, owner: Profile, conversation: DevelopmentConversation, share: Share | None = None
) -> QuerySet[AgendaPoint]:
    """The points viewers added to a conversation's agenda (those of one share, if given)."""
    points = AgendaPoint.objects.for_owner(owner).filter(conversation_id=conversation.pk)
    if share is not None:
        points = points.filter(share_id=share.pk)
    return points.select_related("share__person")


def proposals_for(
    *,
    owner: Profile,
    conversation: DevelopmentConversation | None = None,
    share: Share | None = None,
) -> QuerySet[Proposal]:
    """The proposals viewers made: for one conversation and/or through one share."""
    proposals = Proposal.objects.for_owner(owner).select_related("share__person")
    if conversation is not None:
        proposals = proposals.filter(conversation_id=conversation.pk)
    if share is not None:
        proposals = proposals.filter(share_id=share.pk)
    return proposals


def proposals_waiting(*, owner: Profile) -> QuerySet[Proposal]:
    """Proposals the owner has neither accepted nor declined, oldest first."""
    return proposals_for(owner=owner).filter(status=ProposalStatus.PROPOSED)


def _commented_items(owner: Profile, comments: list[Comment]) -> dict[tuple[str, int], Any]:
    """The items the comments are on, one query per kind, from the projection; without
    what their lists read beside them (skills, metrics...): a notice names the item only."""
    ids: dict[str, set[int]] = defaultdict(set)
    for comment in comments:
        ids[comment.item_kind].add(comment.item_id)
    found: dict[tuple[str, int], Any] = {}
    for kind, pks in ids.items():
        items = _ITEMS[kind](owner).filter(pk__in=pks).select_related(None).prefetch_related(None)
        for item in outward(items):
            found[(kind, item.pk)] = item
    return found


def week_items(*, owner: Profile, today: dt.date) -> list[WeekItem]:
    """What viewers sent in the last week and is still open, and the shares about to
    expire: "Rob Patel commented on 'Present Q3 to the CRO'". Names and titles only. They
    join the owner's week (this week, `today` and the digest) through the source that
    SharingConfig.ready registers with guidance."""
    since = today - dt.timedelta(days=NEWS_DAYS)
    # Only what a notice says: who, on which item, when (the item's own read names it).
    comments = list(
        Comment.objects.for_owner(owner)
        .filter(from_owner=False, resolved_at__isnull=True, created_at__date__gte=since)
        .select_related("share__person")
        .only("created_at", *(f"{kind}_id" for kind in ItemKind.values), "share__person__name")
        .order_by("created_at", "id")
    )
    items = _commented_items(owner, comments)
    notices: list[WeekItem] = []
    for comment in comments:
        item = items.get((comment.item_kind, comment.item_id))
        if item is None:
            continue  # the item was deleted since
        notices.append(
            WeekItem(
                "comment",
                f"{comment.share.person.name} commented on '{item_title(comment.item_kind, item)}'",
                "read it, reply or resolve it",
                comment.created_at.date(),
                DUE,
                item_url(comment.item_kind, item),
            )
        )
    waiting = proposals_waiting(owner=owner).only(
        "kind", "title", "created_at", "share__person__name"
    )
    for proposal in waiting:
        what = "an action" if proposal.is_action else "an opportunity"
        notices.append(
            WeekItem(
                "proposal",
                f"{proposal.share.person.name} proposed {what}: '{proposal.title}'",
                "accept it into your plan or decline it",
                proposal.created_at.date(),
                DUE,
                reverse("sharing:proposals"),
            )
        )
    for share in shares_expiring(owner=owner, today=today, within_days=EXPIRY_NOTICE_DAYS):
        notices.append(
            WeekItem(
                "share",
                f"Your share with {share.person.name} expires",
                "extend it if they still need it, or let it lapse",
                share.expires_on,
                DUE,
                reverse("sharing:share", kwargs={"share_id": share.pk}),
            )
        )
    return notices


def item_page_section(*, owner: Profile, kind: str, item: Any) -> dict[str, Any] | None:
    """What viewers said about one item, for its own page (registered with core.item_page
    in SharingConfig.ready): comment threads, and on a conversation the supervisor's agenda
    points and proposals. "actions" is the plan page: the threads on every action."""
    if kind == "actions":
        threads = comments_on_kind(owner=owner, kind=ItemKind.ACTION)
        if not threads:
            return None
        actions = action_list(owner=owner).filter(pk__in=list(threads))
        return {
            "kind": kind,
            "actions": [{"action": action, "comments": threads[action.pk]} for action in actions],
        }
    comments = list(comments_on_item(owner=owner, kind=kind, item_id=item.pk))
    points: list[AgendaPoint] = []
    proposals: list[Proposal] = []
    if kind == ItemKind.CONVERSATION:
        points = list(agenda_points(owner=owner, conversation=item))
        proposals = list(proposals_for(owner=owner, conversation=item))
    if not (comments or points or proposals):
        return None
    return {"kind": kind, "comments": comments, "points": points, "proposals": proposals}


def with_viewer_comments(*, share: Share, kind: str, items: list[Any]) -> list[Any]:
    """The items, each given `viewer_comments`: this share's threads on it (one query,
    whatever the number of items), for sharing/_comments.html on a viewer's page."""
    threads = comments_for_viewer(share=share, kind=kind, item_ids=[item.pk for item in items])
    for item in items:
        item.viewer_comments = threads.get(item.pk, [])
    return items


def with_supervisor_side(*, share: Share, conversations: list[Any]) -> list[Any]:
    """The conversations, each given this share's `viewer_points` and `viewer_proposals`
    (two queries whatever the number), for sharing/_supervisor_side.html."""
    ids = [conversation.pk for conversation in conversations]
    points: dict[int, list[AgendaPoint]] = defaultdict(list)
    for point in AgendaPoint.objects.for_owner(share.owner).filter(
        share_id=share.pk, conversation_id__in=ids
    ):
        points[point.conversation_id].append(point)
    proposals: dict[int, list[Proposal]] = defaultdict(list)
    for proposal in proposals_for(owner=share.owner, share=share).filter(conversation_id__in=ids):
        proposals[cast(int, proposal.conversation_id)].append(proposal)
    for conversation in conversations:
        conversation.viewer_points = points.get(conversation.pk, [])
        conversation.viewer_proposals = proposals.get(conversation.pk, [])
    return conversations
