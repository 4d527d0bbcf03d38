"""Comments and proposals on the pages: the viewer writes them, the owner reads them on the
items' own pages and in the week (this week, `today`, the digest), and answers them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import UserFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.guidance.report import report_for
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import DevelopmentAction
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing.collaboration_selectors import with_viewer_comments
from wayfinder.sharing.collaboration_services import comment_add, proposal_add
from wayfinder.sharing.models import Comment, Proposal
from wayfinder.sharing.services import share_accept, share_create
from wayfinder.wins.tests.factories import WinFactory

CANARY = "CANARY-7f3a-private"


def _share(owner, today, sections, *, expires_in=90, **extra):
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    share, token = share_create(
        owner=owner,
        person=person,
        sections=sections,
        expires_on=today + dt.timedelta(days=expires_in),
        today=today,
        allow_comments=True,
        **extra,
    )
    viewer = UserFactory()
    share_accept(token=token, user=viewer, today=today)
    share.refresh_from_db()
    return share, viewer


def _comment(share, viewer, kind, item, today, body="Ask **Priya** for the deck."):
    return comment_add(
        viewer=viewer,
        share=share,
        item_kind=kind,
        item_id=item.pk,
        body=body,
        now=timezone.now(),
        today=today,
    )


def test_the_comment_is_in_the_week_today_and_the_digest(owner, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    _comment(share, viewer, "action", action, today)
    report = report_for(owner=owner, today=today)
    line = "Rob Patel commented on 'Present Q3 to the CRO'"
    assert line in [item.title for item in report.week]
    assert line in report.as_text()
    assert line in [item["title"] for item in report.as_dict()["this_week"]]


def test_a_resolved_comment_leaves_the_week(owner, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    comment = _comment(share, viewer, "action", action, today)
    comment.resolved_at = timezone.now()
    comment.save()
    assert not [i for i in report_for(owner=owner, today=today).week if i.kind == "comment"]


def test_a_share_is_mentioned_a_week_before_it_expires(owner, today):
    _share(owner, today, ["plan"], expires_in=6)
    titles = [i.title for i in report_for(owner=owner, today=today).week]
    assert "Your share with Rob Patel expires" in titles


def test_a_share_far_from_expiry_is_not_mentioned(owner, today):
    _share(owner, today, ["plan"], expires_in=30)
    assert not [i for i in report_for(owner=owner, today=today).week if i.kind == "share"]


def test_no_private_field_in_a_comment_notification(owner, today):
    """The canary: private notes of the items commented on never reach the week."""
    share, viewer = _share(owner, today, ["wins", "conversations"])
    win = WinFactory(owner=owner, title="Shipped the pricing page", private_notes=CANARY)
    conversation = DevelopmentConversationFactory(
        owner=owner,
        supervisor=share.person,
        status=ConversationStatus.PLANNED,
        held_on=today + dt.timedelta(days=3),
        private_notes=CANARY,
    )
    _comment(share, viewer, "win", win, today)
    _comment(share, viewer, "conversation", conversation, today)
    proposal_add(
        viewer=viewer,
        share=share,
        kind="action",
        conversation_id=conversation.pk,
        title="Write the case",
        now=timezone.now(),
        today=today,
    )
    report = report_for(owner=owner, today=today)
    assert len([i for i in report.week if i.kind in ("comment", "proposal")]) == 3
    assert CANARY not in report.as_text()
    assert CANARY not in str(report.as_dict())


def test_the_owner_sees_the_thread_on_the_items_page_and_replies(client, owner, today):
    share, viewer = _share(owner, today, ["goals"])
    goal = GoalFactory(owner=owner, title="Lead a team")
    comment = _comment(share, viewer, "goal", goal, today, body="<script>x</script> *yes*")
    client.force_login(owner.user)
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "From the people you share with" in page
    assert "<em>yes</em>" in page and "&lt;script&gt;" in page and "<script>x" not in page
    response = client.post(reverse("sharing:comment-reply", args=[comment.pk]), {"body": "Thanks"})
    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert comment.replies.get().body == "Thanks"
    client.post(reverse("sharing:comment-resolve", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_resolved


def test_a_page_without_comments_shows_no_section(client, owner, today):
    goal = GoalFactory(owner=owner)
    client.force_login(owner.user)
    assert (
        "From the people you share with" not in client.get(goal.get_absolute_url()).content.decode()
    )


def test_the_plan_page_shows_comments_on_actions(client, owner, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    _comment(share, viewer, "action", action, today, body="Good one")
    client.force_login(owner.user)
    page = client.get(reverse("plan:plan")).content.decode()
    assert "From the people you share with" in page and "Good one" in page


def test_another_owner_gets_a_404_for_the_comment_and_the_proposal(client, owner, outsider, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    comment = _comment(share, viewer, "action", action, today)
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind="opportunity",
        title="A role",
        now=timezone.now(),
        today=today,
    )
    client.force_login(outsider.user)
    for name, pk in [
        ("sharing:comment-reply", comment.pk),
        ("sharing:comment-resolve", comment.pk),
        ("sharing:comment-delete", comment.pk),
        ("sharing:proposal-accept", proposal.pk),
        ("sharing:proposal-decline", proposal.pk),
    ]:
        assert client.post(reverse(name, args=[pk]), {"body": "x"}).status_code == 404, name
    assert Comment.objects.count() == 1 and Proposal.objects.get().is_proposed


def test_the_owner_accepts_a_proposal_from_the_proposals_page(client, owner, today):
    share, viewer = _share(owner, today, ["conversations"])
    conversation = DevelopmentConversationFactory(
        owner=owner,
        supervisor=share.person,
        status=ConversationStatus.PLANNED,
        held_on=today + dt.timedelta(days=3),
    )
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind="action",
        conversation_id=conversation.pk,
        title="Shadow the CFO",
        now=timezone.now(),
        today=today,
    )
    client.force_login(owner.user)
    assert "Shadow the CFO" in client.get(reverse("sharing:proposals")).content.decode()
    assert "Shadow the CFO" in client.get(conversation.get_absolute_url()).content.decode()
    client.post(reverse("sharing:proposal-accept", args=[proposal.pk]))
    assert DevelopmentAction.objects.for_owner(owner).get().title == "Shadow the CFO"


def test_the_viewer_comments_through_the_form(client, owner, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    client.force_login(viewer)
    response = client.post(
        reverse("sharing:comment-add", args=[share.pk]),
        {"item_kind": "action", "item_id": action.pk, "body": "Nice", "next": "/sharing/x/"},
    )
    assert response.status_code == 302 and response["Location"] == "/sharing/x/"
    assert Comment.objects.get().body == "Nice"


def test_an_empty_comment_changes_nothing_and_says_why(client, owner, today):
    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    client.force_login(viewer)
    response = client.post(
        reverse("sharing:comment-add", args=[share.pk]),
        {"item_kind": "action", "item_id": action.pk, "body": " "},
        follow=True,
    )
    assert not Comment.objects.exists()
    assert "Write something to send." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"item_kind": "goal", "item_id": "1", "body": "x"},
        {"item_kind": "nope", "item_id": "1", "body": "x"},
        {"item_kind": "action", "item_id": "abc", "body": "x"},
    ],
)
def test_a_viewer_posting_outside_the_share_gets_a_404(client, owner, today, data):
    share, viewer = _share(owner, today, ["plan"])
    client.force_login(viewer)
    assert client.post(reverse("sharing:comment-add", args=[share.pk]), data).status_code == 404


def test_someone_else_cannot_write_through_the_share(client, owner, today):
    share, _viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    client.force_login(owner.user)
    response = client.post(
        reverse("sharing:comment-add", args=[share.pk]),
        {"item_kind": "action", "item_id": action.pk, "body": "x"},
    )
    assert response.status_code == 404 and not Comment.objects.exists()


def test_the_viewer_partial_shows_only_this_shares_thread(owner, today, rf):
    from django.template.loader import render_to_string

    share, viewer = _share(owner, today, ["plan"])
    action = DevelopmentActionFactory(owner=owner)
    _comment(share, viewer, "action", action, today, body="Mine")
    [item] = with_viewer_comments(share=share, kind="action", items=[action])
    request = rf.get("/sharing/shared/")
    request.user = viewer
    html = render_to_string(
        "sharing/_comments.html", {"share": share, "item": item, "kind": "action"}, request=request
    )
    assert "Mine" in html and reverse("sharing:comment-add", args=[share.pk]) in html


def test_the_viewers_pages_carry_the_comment_and_proposal_forms(client, owner, today):
    share, viewer = _share(owner, today, ["plan", "conversations"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    _comment(share, viewer, "action", action, today, body="My *note*")
    conversation = DevelopmentConversationFactory(
        owner=owner,
        supervisor=share.person,
        status=ConversationStatus.PLANNED,
        held_on=today + dt.timedelta(days=3),
    )
    client.force_login(viewer)
    plan = client.get(reverse("sharing:viewer-section", args=[share.pk, "plan"])).content.decode()
    assert "<em>note</em>" in plan
    assert reverse("sharing:comment-add", args=[share.pk]) in plan
    assert "Propose an opportunity" in plan
    talks = client.get(
        reverse("sharing:viewer-section", args=[share.pk, "conversations"])
    ).content.decode()
    assert reverse("sharing:agenda-point-add", args=[share.pk, conversation.pk]) in talks
    assert "Propose an agreed action" in talks


def _viewer_client(viewer):
    from django.test import Client

    client = Client()
    client.force_login(viewer)
    return client


def test_a_viewer_writes_on_the_owners_day_not_the_servers(owner, today):
    """Late on the share's last day where the owner is (19:00 in Los Angeles), already the
    next day on the server (03:00 UTC): the share is still open for comments and proposals,
    and a due date of the owner's today is not in the past."""
    import time_machine

    owner.time_zone = "America/Los_Angeles"
    owner.save(update_fields=["time_zone"])
    share, viewer = _share(owner, today, ["plan"], expires_in=1)
    last_day = share.expires_on
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    evening = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(3), tzinfo=dt.UTC)
    with time_machine.travel(evening, tick=False):
        client = _viewer_client(viewer)
        commented = client.post(
            reverse("sharing:comment-add", args=[share.pk]),
            {"item_kind": "action", "item_id": str(action.pk), "body": "Looks right."},
        )
        proposed = client.post(
            reverse("sharing:proposal-add", args=[share.pk]),
            {"kind": "opportunity", "title": "Lead the Q4 review", "due_on": last_day.isoformat()},
        )
    assert (commented.status_code, proposed.status_code) == (302, 302)
    assert Comment.objects.filter(share=share).count() == 1
    assert Proposal.objects.get(share=share).due_on == last_day


def test_a_viewer_cannot_propose_a_day_already_past_where_the_owner_is(owner, today):
    """01:00 the next day in Auckland, noon on the server: the server's today is the owner's
    yesterday, too late to be due."""
    import time_machine

    owner.time_zone = "Pacific/Auckland"
    owner.save(update_fields=["time_zone"])
    share, viewer = _share(owner, today, ["plan"])
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    with time_machine.travel(noon, tick=False):
        client = _viewer_client(viewer)
        response = client.post(
            reverse("sharing:proposal-add", args=[share.pk]),
            {"kind": "opportunity", "title": "Lead the Q4 review", "due_on": today.isoformat()},
            follow=True,
        )
    assert "The date it is due has passed" in response.content.decode()
    assert not Proposal.objects.filter(share=share).exists()
