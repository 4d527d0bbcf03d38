import datetime as dt

import pytest

from wayfinder.conversations.models import AgreedAction, AgreedActionOwner, ConversationStatus
from wayfinder.conversations.selectors import open_agreed_actions
from wayfinder.conversations.services import (
    ConversationError,
    agreed_action_add,
    agreed_action_delete,
    agreed_action_done,
    agreed_action_to_plan,
)
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.plan.models import ActionStatus, DevelopmentAction

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_add_an_agreed_action(owner, today):
    conversation = DevelopmentConversationFactory(owner=owner)
    action = agreed_action_add(
        owner=owner,
        conversation=conversation,
        description="  Present   the pricing study to the CRO ",
        who=AgreedActionOwner.SUPERVISOR,
        due_on=today + 14 * DAY,
    )
    action.refresh_from_db()
    assert action.description == "Present the pricing study to the CRO"
    assert (action.who, action.due_on, action.done) == ("supervisor", today + 14 * DAY, False)


def test_add_refuses_bad_input_cancelled_and_others_conversations(owner, outsider):
    conversation = DevelopmentConversationFactory(owner=owner)
    with pytest.raises(ConversationError, match="needs a description"):
        agreed_action_add(owner=owner, conversation=conversation, description=" ")
    with pytest.raises(ConversationError, match="under 300 characters"):
        agreed_action_add(owner=owner, conversation=conversation, description="x" * 301)
    with pytest.raises(ConversationError, match="unknown owner of the action 'boss'"):
        agreed_action_add(owner=owner, conversation=conversation, description="A", who="boss")
    cancelled = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.CANCELLED)
    with pytest.raises(ConversationError, match="cancelled conversation"):
        agreed_action_add(owner=owner, conversation=cancelled, description="A")
    with pytest.raises(ConversationError, match="conversation is not one of yours"):
        agreed_action_add(
            owner=owner,
            conversation=DevelopmentConversationFactory(owner=outsider),
            description="A",
        )
    assert not AgreedAction.objects.exists()


def test_delete_only_your_own(owner, outsider):
    action = AgreedActionFactory(owner=owner)
    theirs = AgreedActionFactory(owner=outsider)
    with pytest.raises(ConversationError, match="agreed action is not one of yours"):
        agreed_action_delete(owner=owner, agreed_action=theirs)
    agreed_action_delete(owner=owner, agreed_action=action)
    assert list(AgreedAction.objects.all()) == [theirs]


def test_to_plan_makes_one_development_action_and_links_it(owner, today):
    conversation = DevelopmentConversationFactory(owner=owner, held_on=today - 2 * DAY)
    agreed = AgreedActionFactory(
        owner=owner,
        conversation=conversation,
        description="Join the pricing task force",
        due_on=today + 30 * DAY,
    )
    action = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    assert (action.title, action.due_on, action.owner) == (
        "Join the pricing task force",
        today + 30 * DAY,
        owner,
    )
    assert action.status == ActionStatus.PLANNED and action.plan.owner == owner
    assert "conversation of 2026-11-21; added to the plan on 2026-11-23" in action.notes
    assert agreed.plan_action == action
    agreed.refresh_from_db()
    assert agreed.plan_action == action


def test_to_plan_twice_returns_the_same_action(owner, today):
    agreed = AgreedActionFactory(owner=owner)
    first = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    stale = AgreedAction.objects.get(pk=agreed.pk)
    again = agreed_action_to_plan(owner=owner, agreed_action=stale, today=today + DAY)
    assert again == first
    assert DevelopmentAction.objects.for_owner(owner).count() == 1


def test_to_plan_says_when_the_action_is_the_supervisors(owner, today):
    agreed = AgreedActionFactory(owner=owner, who=AgreedActionOwner.SUPERVISOR, description="Intro")
    action = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    assert action.title == "Intro (supervisor's action)"


def test_to_plan_shortens_a_long_description_to_the_plan_title(owner, today):
    agreed = AgreedActionFactory(owner=owner, description="word " * 59 + "end")
    action = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    action.refresh_from_db()
    assert len(action.title) <= 200 and action.title.endswith("\u2026")
    assert action.notes.startswith(agreed.description)


def test_to_plan_refuses_done_and_others_actions(owner, outsider, today):
    with pytest.raises(ConversationError, match="already done"):
        agreed_action_to_plan(
            owner=owner, agreed_action=AgreedActionFactory(owner=owner, done=True), today=today
        )
    with pytest.raises(ConversationError, match="not one of yours"):
        agreed_action_to_plan(
            owner=owner, agreed_action=AgreedActionFactory(owner=outsider), today=today
        )
    assert not DevelopmentAction.objects.exists()


def test_done_completes_the_open_plan_action_today(owner, today):
    agreed = AgreedActionFactory(owner=owner)
    plan_action = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    agreed_action_done(owner=owner, agreed_action=agreed, today=today + DAY)
    agreed.refresh_from_db()
    plan_action.refresh_from_db()
    assert agreed.done
    assert (plan_action.status, plan_action.completed_on) == ("done", today + DAY)


def test_done_leaves_a_dropped_plan_action_and_refuses_others(owner, outsider, today):
    agreed = AgreedActionFactory(owner=owner)
    plan_action = agreed_action_to_plan(owner=owner, agreed_action=agreed, today=today)
    DevelopmentAction.objects.filter(pk=plan_action.pk).update(status=ActionStatus.DROPPED)
    agreed_action_done(owner=owner, agreed_action=agreed, today=today)
    plan_action.refresh_from_db()
    assert (plan_action.status, plan_action.completed_on) == ("dropped", None)
    theirs = AgreedActionFactory(owner=outsider)
    with pytest.raises(ConversationError, match="not one of yours"):
        agreed_action_done(owner=owner, agreed_action=theirs, today=today)
    theirs.refresh_from_db()
    assert not theirs.done


def test_open_agreed_actions_soonest_first(owner, outsider, today):
    late = AgreedActionFactory(owner=owner, due_on=today + 20 * DAY)
    undated = AgreedActionFactory(owner=owner)
    soon = AgreedActionFactory(owner=owner, due_on=today)
    AgreedActionFactory(owner=owner, done=True)
    AgreedActionFactory(
        owner=owner, conversation__status=ConversationStatus.CANCELLED, conversation__owner=owner
    )
    AgreedActionFactory(owner=outsider)
    assert list(open_agreed_actions(owner=owner)) == [soon, late, undated]
