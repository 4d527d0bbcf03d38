"""The owner's week quotes what viewers sent from the columns a notice shows (who, on
which item, when): a fixed number of queries, one per kind of item commented on, and
no deferred field read afterwards."""

import datetime as dt

import pytest

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing.collaboration_selectors import week_items
from wayfinder.sharing.collaboration_services import comment_add, comment_reply, proposal_add
from wayfinder.sharing.models import Comment, ProposalKind
from wayfinder.sharing.tests.test_collaboration import _planned, _share
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db
NOON = dt.time(12, tzinfo=dt.UTC)


def test_notices_of_comments_and_proposals(owner, today, django_assert_num_queries):
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    share, viewer = _share(owner, today, ["plan", "goals", "wins", "conversations"], person=person)
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    goal = GoalFactory(owner=owner, title="Lead a region")
    win = WinFactory(owner=owner, title="Closed Northwind", occurred_on=today)
    now = dt.datetime.combine(today, NOON)
    added = []
    for minutes, (kind, item) in enumerate(
        [("action", action), ("goal", goal), ("win", win), ("action", action)]
    ):
        added.append(
            comment_add(
                viewer=viewer,
                share=share,
                item_kind=kind,
                item_id=item.pk,
                body="Good one.",
                now=now + dt.timedelta(minutes=10 * minutes),
                today=today,
            )
        )
    comment_reply(owner=owner, comment=added[0], body="Thanks", now=now)
    # Created on the days the notices say (the clock of the test, not the machine's).
    for n, comment in enumerate(added):
        Comment.objects.filter(pk=comment.pk).update(
            created_at=now - dt.timedelta(days=len(added) - n)
        )
    Comment.objects.filter(pk=added[-1].pk).update(created_at=now - dt.timedelta(days=30))
    conversation = _planned(owner, person, today)
    proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.ACTION,
        conversation_id=conversation.pk,
        title="Lead the offsite",
        now=now,
        today=today,
    )
    proposal_add(
        viewer=viewer,
        share=share,
        kind=ProposalKind.OPPORTUNITY,
        title="Join the council",
        now=now + dt.timedelta(minutes=50),
        today=today,
    )

    # Comments, then each kind commented on (action, goal, win), proposals, shares.
    with django_assert_num_queries(6):
        notices = week_items(owner=owner, today=today)
        shown = [(n.kind, n.title, n.detail, n.url) for n in notices]
    assert shown[:3] == [
        (
            "comment",
            "Rob Patel commented on 'Present Q3 to the CRO'",
            "read it, reply or resolve it",
            f"/plan/#action-{action.pk}",
        ),
        (
            "comment",
            "Rob Patel commented on 'Lead a region'",
            "read it, reply or resolve it",
            goal.get_absolute_url(),
        ),
        (
            "comment",
            "Rob Patel commented on 'Closed Northwind'",
            "read it, reply or resolve it",
            win.get_absolute_url(),
        ),
    ]
    assert [n.on for n in notices[:3]] == [today - dt.timedelta(days=d) for d in (4, 3, 2)]
    assert shown[3:5] == [
        (
            "proposal",
            "Rob Patel proposed an action: 'Lead the offsite'",
            "accept it into your plan or decline it",
            "/sharing/proposals/",
        ),
        (
            "proposal",
            "Rob Patel proposed an opportunity: 'Join the council'",
            "accept it into your plan or decline it",
            "/sharing/proposals/",
        ),
    ]
    assert all(n.kind == "share" for n in notices[5:])
