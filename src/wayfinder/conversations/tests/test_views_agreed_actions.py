import pytest
from django.urls import reverse

from wayfinder.conversations.models import AgreedAction, ConversationStatus
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.plan.models import ActionStatus, DevelopmentAction

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_add_inline_returns_the_section_with_a_fresh_form(signed_in, owner):
    conversation = DevelopmentConversationFactory(owner=owner)
    response = signed_in.post(
        reverse("conversations:agreed-action-new", args=[conversation.pk]),
        {"description": "Present Q3 results to the CRO", "who": "me", "due_on": "2026-12-15"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="agreed-actions"')
    assert "Present Q3 results to the CRO" in content
    assert 'name="description" value=' not in content
    action = AgreedAction.objects.for_owner(owner).get()
    assert (action.who, str(action.due_on)) == ("me", "2026-12-15")


def test_add_without_a_description_keeps_what_was_typed(signed_in, owner):
    conversation = DevelopmentConversationFactory(owner=owner)
    response = signed_in.post(
        reverse("conversations:agreed-action-new", args=[conversation.pk]),
        {"description": "", "who": "supervisor", "due_on": "2026-12-15"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert "This field is required." in content
    assert 'value="2026-12-15"' in content
    assert not AgreedAction.objects.exists()


def test_add_without_htmx_redirects_and_a_cancelled_conversation_refuses(signed_in, owner):
    conversation = DevelopmentConversationFactory(owner=owner)
    url = reverse("conversations:agreed-action-new", args=[conversation.pk])
    response = signed_in.post(url, {"description": "Join the pricing task force", "who": "me"})
    assert response["Location"] == conversation.get_absolute_url()
    off = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.CANCELLED)
    response = signed_in.post(
        reverse("conversations:agreed-action-new", args=[off.pk]),
        {"description": "Anything", "who": "me"},
    )
    assert "Nothing can be agreed in a cancelled conversation" in response.content.decode()
    assert AgreedAction.objects.for_owner(owner).count() == 1


def test_add_to_my_plan_creates_exactly_one_plan_action(signed_in, owner):
    action = AgreedActionFactory(owner=owner, description="Shadow the CRO's forecast review")
    url = reverse("conversations:agreed-action-plan", args=[action.pk])
    response = signed_in.post(url, headers=HTMX)
    content = response.content.decode()
    plan_action = DevelopmentAction.objects.for_owner(owner).get()
    assert content.lstrip().startswith(f'<li id="agreed-action-{action.pk}"')
    assert f'/plan/#action-{plan_action.pk}"' in content
    assert "Add to my plan" not in content
    signed_in.post(url, headers=HTMX)
    signed_in.post(url)
    assert DevelopmentAction.objects.for_owner(owner).count() == 1
    action.refresh_from_db()
    assert action.plan_action == plan_action


def test_a_done_action_is_not_planned_and_says_why(signed_in, owner):
    action = AgreedActionFactory(owner=owner, done=True)
    response = signed_in.post(
        reverse("conversations:agreed-action-plan", args=[action.pk]), headers=HTMX
    )
    assert "already done" in response.content.decode()
    assert not DevelopmentAction.objects.exists()


def test_mark_done_also_finishes_the_plan_action(signed_in, owner):
    action = AgreedActionFactory(owner=owner)
    signed_in.post(reverse("conversations:agreed-action-plan", args=[action.pk]))
    response = signed_in.post(
        reverse("conversations:agreed-action-done", args=[action.pk]), headers=HTMX
    )
    assert "badge-good" in response.content.decode()
    action.refresh_from_db()
    assert action.done
    assert action.plan_action.status == ActionStatus.DONE
    response = signed_in.post(reverse("conversations:agreed-action-done", args=[action.pk]))
    assert response["Location"] == action.conversation.get_absolute_url()


def test_delete_with_confirmation_keeps_the_plan_action(signed_in, owner):
    action = AgreedActionFactory(owner=owner)
    signed_in.post(reverse("conversations:agreed-action-plan", args=[action.pk]))
    url = reverse("conversations:agreed-action-delete", args=[action.pk])
    assert "stays in your plan" in signed_in.get(url).content.decode()
    signed_in.post(url)
    assert not AgreedAction.objects.filter(pk=action.pk).exists()
    assert DevelopmentAction.objects.for_owner(owner).count() == 1


@pytest.mark.parametrize(
    "name", ["agreed-action-done", "agreed-action-plan", "agreed-action-delete"]
)
def test_another_owners_agreed_action_is_not_found(signed_in, outsider, name):
    theirs = AgreedActionFactory(owner=outsider)
    url = reverse(f"conversations:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code in (404, 405)
    assert signed_in.post(url).status_code == 404
    assert AgreedAction.objects.filter(pk=theirs.pk, done=False, plan_action=None).exists()
    assert not DevelopmentAction.objects.exists()


def test_adding_to_another_owners_conversation_is_not_found(signed_in, outsider):
    theirs = DevelopmentConversationFactory(owner=outsider)
    url = reverse("conversations:agreed-action-new", args=[theirs.pk])
    assert signed_in.post(url, {"description": "Sneak in", "who": "me"}).status_code == 404
    assert not AgreedAction.objects.exists()


def test_detail_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    conversation = DevelopmentConversationFactory(owner=owner)
    AgreedActionFactory.create_batch(2, owner=owner, conversation=conversation)
    # Session, user, profile, the conversation, its actions, and (one each, whatever their
    # number) the shared comments, agenda points and proposals shown with it.
    with django_assert_max_num_queries(8):
        signed_in.get(conversation.get_absolute_url())
    for action in AgreedActionFactory.create_batch(20, owner=owner, conversation=conversation):
        signed_in.post(reverse("conversations:agreed-action-plan", args=[action.pk]))
    with django_assert_max_num_queries(8):
        signed_in.get(conversation.get_absolute_url())
