import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.network.models import Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def day():
    # The views use the owner's real today; the tests work around it, not a fixed date.
    return dt.date.today()


def test_empty_state_invites_the_first_conversation(signed_in):
    content = signed_in.get(reverse("conversations:conversations")).content.decode()
    assert "Talk about your development, regularly" in content
    assert "No conversation recorded yet" in content


def test_list_says_how_long_since_the_last_one(signed_in, owner, day):
    DevelopmentConversationFactory(owner=owner, held_on=day - dt.timedelta(days=50))
    content = signed_in.get(reverse("conversations:conversations")).content.decode()
    assert "50 days ago: more than 45" in content
    DevelopmentConversationFactory(owner=owner, held_on=day - dt.timedelta(days=3))
    content = signed_in.get(reverse("conversations:conversations")).content.decode()
    assert "Last conversation 3 days ago." in content


def test_plan_defaults_to_the_current_manager(signed_in, owner, day):
    manager = PersonRoleFactory(owner=owner, role=Role.MANAGER).person
    form = signed_in.get(reverse("conversations:conversation-new")).content.decode()
    assert f'<option value="{manager.pk}" selected>' in form
    assert "recent wins, blockers" in form
    response = signed_in.post(
        reverse("conversations:conversation-new"),
        {"held_on": (day + dt.timedelta(days=7)).isoformat(), "agenda": "Plan progress"},
    )
    conversation = DevelopmentConversation.objects.for_owner(owner).get()
    assert response["Location"] == conversation.get_absolute_url()
    assert (conversation.status, conversation.supervisor) == (ConversationStatus.PLANNED, manager)


def test_planning_in_the_past_is_refused_and_the_form_kept(signed_in, owner, day):
    response = signed_in.post(
        reverse("conversations:conversation-new"),
        {"held_on": (day - dt.timedelta(days=2)).isoformat(), "agenda": "Ask for the task force"},
    )
    content = response.content.decode()
    assert "record it instead" in content
    assert "Ask for the task force" in content
    assert not DevelopmentConversation.objects.for_owner(owner).exists()


def test_an_outsiders_person_cannot_be_the_supervisor(signed_in, owner, outsider, day):
    foreign = PersonFactory(owner=outsider)
    response = signed_in.post(
        reverse("conversations:conversation-new"),
        {"held_on": day.isoformat(), "supervisor": foreign.pk},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not DevelopmentConversation.objects.for_owner(owner).exists()


def test_record_a_planned_conversation_with_private_notes(signed_in, owner, day):
    boss = PersonFactory(owner=owner, name="Mara Quinn")
    planned = DevelopmentConversationFactory(
        owner=owner, held_on=day, status=ConversationStatus.PLANNED, supervisor=boss
    )
    form = signed_in.get(reverse("conversations:conversation-record", args=[planned.pk]))
    assert "left out of the narrative, the agenda and resume.json" in form.content.decode()
    signed_in.post(
        reverse("conversations:conversation-record", args=[planned.pk]),
        {
            "held_on": day.isoformat(),
            "supervisor": boss.pk,
            "notes": "She will put me forward.",
            "private_notes": "She hesitated on the promotion.",
        },
    )
    planned.refresh_from_db()
    assert planned.status == ConversationStatus.HELD
    assert planned.private_notes == "She hesitated on the promotion."
    content = signed_in.get(planned.get_absolute_url()).content.decode()
    assert "badge-private" in content
    assert "She hesitated on the promotion." in content


def test_record_one_that_happened_refuses_a_future_date(signed_in, owner, day):
    response = signed_in.post(
        reverse("conversations:conversation-record-new"),
        {"held_on": (day + dt.timedelta(days=3)).isoformat(), "notes": "Great talk"},
    )
    assert "plan the conversation now" in response.content.decode()
    signed_in.post(
        reverse("conversations:conversation-record-new"),
        {"held_on": day.isoformat(), "notes": "Great talk"},
    )
    assert DevelopmentConversation.objects.for_owner(owner).get().notes == "Great talk"


def test_recording_a_held_conversation_again_sends_back(signed_in, owner):
    held = DevelopmentConversationFactory(owner=owner)
    response = signed_in.get(reverse("conversations:conversation-record", args=[held.pk]))
    assert response["Location"] == held.get_absolute_url()


def test_edit_cancel_and_delete(signed_in, owner, day):
    planned = DevelopmentConversationFactory(
        owner=owner, held_on=day - dt.timedelta(days=1), status=ConversationStatus.PLANNED
    )
    # The date passed, but correcting the agenda without moving it is fine.
    signed_in.post(
        reverse("conversations:conversation-edit", args=[planned.pk]),
        {"held_on": planned.held_on.isoformat(), "agenda": "New agenda"},
    )
    planned.refresh_from_db()
    assert planned.agenda == "New agenda"
    signed_in.post(reverse("conversations:conversation-cancel", args=[planned.pk]))
    planned.refresh_from_db()
    assert planned.status == ConversationStatus.CANCELLED
    confirm = signed_in.get(reverse("conversations:conversation-delete", args=[planned.pk]))
    assert "Delete this conversation?" in confirm.content.decode()
    signed_in.post(reverse("conversations:conversation-delete", args=[planned.pk]))
    assert not DevelopmentConversation.objects.filter(pk=planned.pk).exists()


def test_a_held_conversation_cannot_be_called_off(signed_in, owner):
    held = DevelopmentConversationFactory(owner=owner)
    response = signed_in.post(
        reverse("conversations:conversation-cancel", args=[held.pk]), follow=True
    )
    assert "cannot be cancelled" in response.content.decode()
    held.refresh_from_db()
    assert held.status == ConversationStatus.HELD


def test_status_filter_returns_the_fragment(signed_in, owner, day):
    DevelopmentConversationFactory(owner=owner, notes="Held one")
    DevelopmentConversationFactory(
        owner=owner, held_on=day, status=ConversationStatus.PLANNED, agenda="Planned one"
    )
    response = signed_in.get(
        reverse("conversations:conversations"),
        {"status": "planned"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="conversation-list">')
    assert "Planned one" in content
    assert "Held one" not in content


@pytest.mark.parametrize(
    "name",
    [
        "conversation",
        "conversation-record",
        "conversation-edit",
        "conversation-cancel",
        "conversation-delete",
    ],
)
def test_another_owners_conversation_is_not_found(signed_in, outsider, name):
    theirs = DevelopmentConversationFactory(
        owner=outsider, status=ConversationStatus.PLANNED, agenda="Theirs"
    )
    url = reverse(f"conversations:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code in (404, 405)
    assert signed_in.post(url, {"held_on": "2026-01-01", "agenda": "Mine"}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.agenda) == (ConversationStatus.PLANNED, "Theirs")


def _conversations_with_actions(owner, count):
    for _ in range(count):
        conversation = DevelopmentConversationFactory(
            owner=owner, supervisor=PersonFactory(owner=owner)
        )
        AgreedActionFactory.create_batch(2, owner=owner, conversation=conversation)


def test_list_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    _conversations_with_actions(owner, 2)
    # One of them reads the owner's thresholds, to say whether a conversation is due.
    with django_assert_max_num_queries(9):
        signed_in.get(reverse("conversations:conversations"))
    _conversations_with_actions(owner, 25)
    with django_assert_max_num_queries(9):
        signed_in.get(reverse("conversations:conversations"))
