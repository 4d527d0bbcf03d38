import datetime as dt

import pytest

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.selectors import (
    conversation_list,
    days_since_last_conversation,
    last_conversation,
    next_planned_conversation,
)
from wayfinder.conversations.services import (
    ConversationError,
    conversation_cancel,
    conversation_delete,
    conversation_plan,
    conversation_record,
    conversation_update,
)
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.network.models import Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_plan_is_with_the_current_manager_unless_named(owner, today):
    PersonRoleFactory(owner=owner, role=Role.MANAGER, ended_on=today - 100 * DAY)
    boss = PersonRoleFactory(owner=owner, role=Role.MANAGER).person
    planned = conversation_plan(owner=owner, held_on=today + 7 * DAY, agenda=" Wins; asks ")
    assert (planned.status, planned.supervisor, planned.agenda) == ("planned", boss, "Wins; asks")
    other = PersonFactory(owner=owner)
    assert conversation_plan(owner=owner, held_on=today, supervisor=other).supervisor == other


def test_plan_without_a_manager_has_no_supervisor(owner, today):
    assert conversation_plan(owner=owner, held_on=today).supervisor is None


def test_plan_refuses_another_owners_supervisor(owner, outsider, today):
    with pytest.raises(ConversationError, match="person is not one of yours"):
        conversation_plan(owner=owner, held_on=today, supervisor=PersonFactory(owner=outsider))
    assert not DevelopmentConversation.objects.exists()


def test_record_a_planned_conversation_as_held(owner, today):
    boss = PersonFactory(owner=owner)
    planned = conversation_plan(owner=owner, held_on=today, supervisor=boss, agenda="Agenda")
    held = conversation_record(
        owner=owner,
        conversation=planned,
        held_on=today + DAY,
        notes=" Talked stretch ",
        private_notes="Felt brushed off",
    )
    held.refresh_from_db()
    assert held.pk == planned.pk
    assert (held.status, held.held_on, held.notes) == ("held", today + DAY, "Talked stretch")
    assert (held.supervisor, held.agenda, held.private_notes) == (
        boss,
        "Agenda",
        "Felt brushed off",
    )


def test_record_a_new_conversation(owner, today):
    boss = PersonRoleFactory(owner=owner, role=Role.MANAGER).person
    held = conversation_record(owner=owner, held_on=today, notes="Notes", agenda="A")
    assert (held.status, held.supervisor, held.agenda) == ("held", boss, "A")


def test_record_refuses_held_cancelled_and_others_conversations(owner, outsider, today):
    held = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.HELD)
    with pytest.raises(ConversationError, match="already held; change it instead"):
        conversation_record(owner=owner, conversation=held, held_on=today, notes="x")
    cancelled = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.CANCELLED)
    with pytest.raises(ConversationError, match="already cancelled"):
        conversation_record(owner=owner, conversation=cancelled, held_on=today)
    theirs = DevelopmentConversationFactory(owner=outsider, status=ConversationStatus.PLANNED)
    with pytest.raises(ConversationError, match="conversation is not one of yours"):
        conversation_record(owner=owner, conversation=theirs, held_on=today)
    theirs.refresh_from_db()
    assert theirs.status == "planned"


def test_update_changes_given_fields(owner, outsider, today):
    conversation = DevelopmentConversationFactory(owner=owner, notes="Old")
    conversation_update(owner=owner, conversation=conversation, notes=" New ", supervisor=None)
    conversation.refresh_from_db()
    assert (conversation.notes, conversation.supervisor) == ("New", None)
    assert conversation.agenda == "Plan progress; recent wins; asks."
    with pytest.raises(TypeError, match="status"):
        conversation_update(owner=owner, conversation=conversation, status="held")
    with pytest.raises(ConversationError, match="person is not one of yours"):
        conversation_update(
            owner=owner, conversation=conversation, supervisor=PersonFactory(owner=outsider)
        )
    with pytest.raises(ConversationError, match="conversation is not one of yours"):
        conversation_update(
            owner=owner, conversation=DevelopmentConversationFactory(owner=outsider), notes="x"
        )


def test_cancel_only_what_was_not_held(owner, outsider, today):
    planned = conversation_plan(owner=owner, held_on=today)
    assert conversation_cancel(owner=owner, conversation=planned).status == "cancelled"
    held = DevelopmentConversationFactory(owner=owner)
    with pytest.raises(ConversationError, match="held cannot be cancelled"):
        conversation_cancel(owner=owner, conversation=held)
    with pytest.raises(ConversationError, match="not one of yours"):
        conversation_cancel(
            owner=owner,
            conversation=DevelopmentConversationFactory(
                owner=outsider, status=ConversationStatus.PLANNED
            ),
        )


def test_delete_keeps_plan_actions_made_from_it(owner, outsider):
    conversation = DevelopmentConversationFactory(owner=owner)
    plan_action = DevelopmentActionFactory(owner=owner)
    AgreedActionFactory(owner=owner, conversation=conversation, plan_action=plan_action)
    conversation_delete(owner=owner, conversation=conversation)
    assert not DevelopmentConversation.objects.filter(pk=conversation.pk).exists()
    plan_action.refresh_from_db()
    assert plan_action.pk
    theirs = DevelopmentConversationFactory(owner=outsider)
    with pytest.raises(ConversationError, match="not one of yours"):
        conversation_delete(owner=owner, conversation=theirs)
    assert DevelopmentConversation.objects.filter(pk=theirs.pk).exists()


def test_last_conversation_is_the_latest_held_one(owner, outsider, today):
    assert last_conversation(owner=owner) is None
    assert days_since_last_conversation(owner=owner, today=today) is None
    DevelopmentConversationFactory(owner=owner, held_on=today - 60 * DAY)
    last = DevelopmentConversationFactory(owner=owner, held_on=today - 45 * DAY)
    DevelopmentConversationFactory(
        owner=owner, held_on=today - 10 * DAY, status=ConversationStatus.PLANNED
    )
    DevelopmentConversationFactory(
        owner=owner, held_on=today - 5 * DAY, status=ConversationStatus.CANCELLED
    )
    DevelopmentConversationFactory(owner=outsider, held_on=today)
    assert last_conversation(owner=owner) == last
    assert days_since_last_conversation(owner=owner, today=today) == 45


def test_a_conversation_dated_after_today_is_not_the_last_one(owner, today):
    DevelopmentConversationFactory(owner=owner, held_on=today + DAY)
    held = DevelopmentConversationFactory(owner=owner, held_on=today)
    assert last_conversation(owner=owner, today=today) == held
    assert days_since_last_conversation(owner=owner, today=today) == 0


def test_next_planned_conversation_from_today_on(owner, outsider, today):
    assert next_planned_conversation(owner=owner, today=today) is None
    planned = ConversationStatus.PLANNED
    DevelopmentConversationFactory(owner=owner, held_on=today - DAY, status=planned)
    DevelopmentConversationFactory(owner=owner, held_on=today + 9 * DAY, status=planned)
    soonest = DevelopmentConversationFactory(owner=owner, held_on=today, status=planned)
    DevelopmentConversationFactory(owner=owner, held_on=today + DAY)
    DevelopmentConversationFactory(owner=outsider, held_on=today, status=planned)
    assert next_planned_conversation(owner=owner, today=today) == soonest


def test_conversation_list_filters_and_is_two_queries_whatever_the_number(
    owner, outsider, django_assert_num_queries
):
    def make(n):
        for _ in range(n):
            conversation = DevelopmentConversationFactory(
                owner=owner, supervisor=PersonFactory(owner=owner)
            )
            AgreedActionFactory.create_batch(2, owner=owner, conversation=conversation)

    make(2)
    DevelopmentConversationFactory(owner=outsider)
    with django_assert_num_queries(2):
        found = list(conversation_list(owner=owner))
        assert [(c.supervisor.name != "", len(c.agreed_actions.all())) for c in found] == [
            (True, 2),
            (True, 2),
        ]
    make(15)
    with django_assert_num_queries(2):
        found = list(conversation_list(owner=owner))
        assert sum(len(c.agreed_actions.all()) for c in found) == 34
        assert all(a.plan_action is None for c in found for a in c.agreed_actions.all())
    assert list(conversation_list(owner=owner, status="planned")) == []
    with pytest.raises(ConversationError, match="unknown status"):
        conversation_list(owner=owner, status="maybe")
