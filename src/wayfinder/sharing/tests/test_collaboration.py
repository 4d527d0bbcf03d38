"""Comments on shared items, a supervisor's agenda points and proposals, and the owner's
answers (sharing/collaboration_services.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import UserFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import DevelopmentAction, Opportunity, OpportunitySource
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing.collaboration_selectors import (
    comments_for_viewer,
    comments_on_item,
    item_for_share,
)
from wayfinder.sharing.collaboration_services import (
    CONTRIBUTIONS_PER_HOUR,
    CollaborationError,
    ShareClosed,
    TooManyContributions,
    agenda_point_add,
    comment_add,
    comment_delete,
    comment_reply,
    comment_resolve,
    proposal_accept,
    proposal_add,
    proposal_decline,
)
from wayfinder.sharing.models import AgendaPoint, Comment, ProposalKind
from wayfinder.sharing.services import share_accept, share_create, share_revoke
from wayfinder.wins.tests.factories import WinFactory


def _share(owner, today, sections, *, person=None, comments=True, **extra):
    person = person or PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    share, token = share_create(
        owner=owner,
        person=person,
        sections=sections,
        expires_on=today + dt.timedelta(days=90),
        today=today,
        allow_comments=comments,
        **extra,
    )
    viewer = UserFactory()
    share_accept(token=token, user=viewer, today=today)
    share.refresh_from_db()
    return share, viewer


@pytest.fixture
def now():
    return timezone.now()


def test_a_viewer_comments_on_a_shared_action_and_the_owner_sees_it(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Ask *Priya* for the deck.",
        now=now,
        today=today,
    )
    assert comment.owner == owner and comment.author_id == viewer.pk
    assert list(comments_on_item(owner=owner, kind="action", item_id=action.pk)) == [comment]


def test_no_comment_where_the_share_does_not_take_them(owner, today, now):
    share, viewer = _share(owner, today, ["plan"], comments=False)
    action = DevelopmentActionFactory(owner=owner)
    with pytest.raises(CollaborationError, match="does not take comments"):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind="action",
            item_id=action.pk,
            body="Hi",
            now=now,
            today=today,
        )
    assert not Comment.objects.exists()


@pytest.mark.parametrize("kind", ["goal", "win"])
def test_no_comment_on_an_item_of_a_section_not_shared(owner, today, now, kind):
    share, viewer = _share(owner, today, ["plan"])
    item = GoalFactory(owner=owner) if kind == "goal" else WinFactory(owner=owner)
    with pytest.raises(ShareClosed):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind=kind,
            item_id=item.pk,
            body="Hi",
            now=now,
            today=today,
        )


def test_no_comment_on_another_owners_item(owner, outsider, today, now):
    share, viewer = _share(owner, today, ["plan"])
    theirs = DevelopmentActionFactory(owner=outsider)
    with pytest.raises(ShareClosed):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind="action",
            item_id=theirs.pk,
            body="Hi",
            now=now,
            today=today,
        )


def test_no_comment_on_an_item_outside_the_period(owner, today, now):
    share, viewer = _share(
        owner, today, ["wins"], period_start=today - dt.timedelta(days=30), period_end=today
    )
    old = WinFactory(owner=owner, occurred_on=today - dt.timedelta(days=60))
    inside = WinFactory(owner=owner, occurred_on=today - dt.timedelta(days=3))
    assert item_for_share(share, "win", old.pk, today) is None
    assert item_for_share(share, "win", inside.pk, today)["title"] == inside.title
    with pytest.raises(ShareClosed):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind="win",
            item_id=old.pk,
            body="Hi",
            now=now,
            today=today,
        )


def test_a_revoked_share_refuses_the_next_comment(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    share_revoke(owner=owner, share=share)
    with pytest.raises(ShareClosed):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind="action",
            item_id=action.pk,
            body="Hi",
            now=now,
            today=today,
        )


def test_another_viewer_cannot_use_the_share(owner, today, now):
    share, _viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    with pytest.raises(ShareClosed):
        comment_add(
            viewer=UserFactory(),
            share=share,
            item_kind="action",
            item_id=action.pk,
            body="Hi",
            now=now,
            today=today,
        )


@pytest.mark.parametrize("body", ["", "   ", "nul \x00 here", "x" * 5001])
def test_a_bad_comment_is_refused_and_nothing_is_written(owner, today, now, body):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    with pytest.raises(CollaborationError):
        comment_add(
            viewer=viewer,
            share=share,
            item_kind="action",
            item_id=action.pk,
            body=body,
            now=now,
            today=today,
        )
    assert not Comment.objects.exists()


def test_comments_are_rate_limited_per_viewer(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)

    def add(at):
        return comment_add(
            viewer=viewer,
            share=share,
            item_kind="action",
            item_id=action.pk,
            body="Again",
            now=at,
            today=today,
        )

    for _ in range(CONTRIBUTIONS_PER_HOUR):
        add(now)
    with pytest.raises(TooManyContributions):
        add(now)
    assert Comment.objects.count() == CONTRIBUTIONS_PER_HOUR
    add(now + dt.timedelta(hours=1, seconds=1))  # an hour on, the window has passed


def test_the_owner_replies_resolves_and_deletes(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Why?",
        now=now,
        today=today,
    )
    reply = comment_reply(owner=owner, comment=comment, body="Because.", now=now)
    assert reply.from_owner and reply.reply_to == comment and reply.share == share
    threads = comments_for_viewer(share=share, kind="action", item_ids=[action.pk])
    assert [c.thread_replies for c in threads[action.pk]] == [[reply]]
    comment_resolve(owner=owner, comment=comment, now=now)
    comment.refresh_from_db()
    assert comment.is_resolved
    comment_delete(owner=owner, comment=comment)
    assert not Comment.objects.exists()


def test_another_owner_cannot_touch_the_comment(owner, outsider, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Why?",
        now=now,
        today=today,
    )
    for attempt in (
        lambda: comment_reply(owner=outsider, comment=comment, body="No", now=now),
        lambda: comment_resolve(owner=outsider, comment=comment, now=now),
        lambda: comment_delete(owner=outsider, comment=comment),
    ):
        with pytest.raises(CollaborationError):
            attempt()
    assert Comment.objects.count() == 1


def test_a_viewer_sees_only_their_own_shares_comments(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    other, other_viewer = _share(
        owner, today, ["plan"], person=PersonFactory(owner=owner, email="m@example.com")
    )
    action = DevelopmentActionFactory(owner=owner)
    mine = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Mine",
        now=now,
        today=today,
    )
    comment_add(
        viewer=other_viewer,
        share=other,
        item_kind="action",
        item_id=action.pk,
        body="Theirs",
        now=now,
        today=today,
    )
    assert comments_for_viewer(share=share, kind="action", item_ids=[action.pk]) == {
        action.pk: [mine]
    }


def _planned(owner, person, today, **extra):
    return DevelopmentConversationFactory(
        owner=owner,
        supervisor=person,
        status=ConversationStatus.PLANNED,
        held_on=today + dt.timedelta(days=5),
        **extra,
    )


def test_the_supervisor_adds_an_agenda_point_to_a_planned_conversation(owner, today, now):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = _planned(owner, share.person, today)
    point = agenda_point_add(
        viewer=viewer,
        share=share,
        conversation_id=conversation.pk,
        text="  The  promotion case ",
        now=now,
        today=today,
    )
    assert point.text == "The promotion case" and point.owner == owner


def test_no_agenda_point_on_a_conversation_with_someone_else(owner, today, now):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = _planned(owner, PersonFactory(owner=owner), today)
    with pytest.raises(ShareClosed):
        agenda_point_add(
            viewer=viewer,
            share=share,
            conversation_id=conversation.pk,
            text="Hi",
            now=now,
            today=today,
        )
    assert not AgendaPoint.objects.exists()


def test_no_agenda_point_once_the_conversation_was_held(owner, today, now):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = _planned(
        owner,
        share.person,
        today,
    )
    conversation.status = ConversationStatus.HELD
    conversation.save()
    with pytest.raises(CollaborationError, match="not planned"):
        agenda_point_add(
            viewer=viewer,
            share=share,
            conversation_id=conversation.pk,
            text="Hi",
            now=now,
            today=today,
        )


def test_a_proposed_action_is_accepted_into_the_plan_in_one_step(owner, today, now):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = _planned(owner, share.person, today)
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.ACTION,
        conversation_id=conversation.pk,
        title="Lead the Q1 planning offsite",
        due_on=today + dt.timedelta(days=30),
        now=now,
        today=today,
    )
    accepted = proposal_accept(owner=owner, proposal=proposal, today=today)
    assert accepted.is_accepted and accepted.decided_on == today
    agreed = accepted.agreed_action
    assert agreed.conversation == conversation and agreed.plan_action is not None
    action = DevelopmentAction.objects.for_owner(owner).get()
    assert action.title == "Lead the Q1 planning offsite"
    assert action.due_on == today + dt.timedelta(days=30)
    with pytest.raises(CollaborationError, match="already accepted"):
        proposal_accept(owner=owner, proposal=proposal, today=today)
    assert DevelopmentAction.objects.for_owner(owner).count() == 1


def test_a_declined_proposal_adds_nothing(owner, today, now):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = _planned(owner, share.person, today)
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.ACTION,
        conversation_id=conversation.pk,
        title="Shadow the CFO",
        now=now,
        today=today,
    )
    declined = proposal_decline(owner=owner, proposal=proposal, today=today)
    assert declined.is_declined
    assert not DevelopmentAction.objects.for_owner(owner).exists()
    with pytest.raises(CollaborationError, match="already declined"):
        proposal_accept(owner=owner, proposal=proposal, today=today)


def test_a_proposed_opportunity_is_brought_by_the_supervisor(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.OPPORTUNITY,
        title="Run the pricing task force",
        description="Starts in January.",
        now=now,
        today=today,
    )
    proposal_accept(owner=owner, proposal=proposal, today=today)
    opportunity = Opportunity.objects.for_owner(owner).get()
    assert opportunity.source == OpportunitySource.MANAGER
    assert opportunity.brought_by == share.person and opportunity.spotted_on == today


def test_no_proposal_through_a_share_without_plan_or_conversations(owner, today, now):
    share, viewer = _share(owner, today, ["wins"])
    with pytest.raises(ShareClosed):
        proposal_add(
            viewer=viewer,
            share=share,
            kind=ProposalKind.OPPORTUNITY,
            title="A role",
            now=now,
            today=today,
        )


def test_another_owner_cannot_accept_the_proposal(owner, outsider, today, now):
    share, viewer = _share(owner, today, ["plan"])
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.OPPORTUNITY,
        title="A role",
        now=now,
        today=today,
    )
    with pytest.raises(CollaborationError):
        proposal_accept(owner=outsider, proposal=proposal, today=today)
    assert not Opportunity.objects.exists()


def test_deleting_the_item_deletes_its_comments(owner, today, now):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Hi",
        now=now,
        today=today,
    )
    assert (comment.item_kind, comment.item_id) == ("action", action.pk)
    action.delete()
    assert not Comment.objects.exists()


def test_the_database_refuses_a_comment_on_no_item_or_two(owner, today):
    from django.db import IntegrityError, transaction

    share, _viewer = _share(owner, today, ["plan", "goals"])
    action, goal = DevelopmentActionFactory(owner=owner), GoalFactory(owner=owner)
    for items in ({}, {"action": action, "goal": goal}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.create(owner=owner, share=share, body="x", **items)


def test_a_thread_is_one_query_with_or_without_replies(
    owner, today, now, django_assert_num_queries
):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Hi",
        now=now,
        today=today,
    )
    assert share.owner  # loaded with the share on a viewer's page
    with django_assert_num_queries(1):
        comments_for_viewer(share=share, kind="action", item_ids=[action.pk])
    comment_reply(owner=owner, comment=comment, body="Hello", now=now)
    with django_assert_num_queries(1):
        threads = comments_for_viewer(share=share, kind="action", item_ids=[action.pk])
    assert [r.body for r in threads[action.pk][0].thread_replies] == ["Hello"]
