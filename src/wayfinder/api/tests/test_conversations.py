"""Development conversations and agreed actions through the API, on the web's forms and
services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.api.scopes import PRIVATE
from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.api.tests.test_network import Caller, _fields, _row
from wayfinder.conversations.models import (
    AgreedAction,
    ConversationStatus,
    DevelopmentConversation,
)
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.network.models import Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.models import ActionStatus

pytestmark = pytest.mark.django_db

CANARY = "canary-private-conversation"
AHEAD = str(TODAY + dt.timedelta(days=7))
AGO = str(TODAY - dt.timedelta(days=7))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def owner():
    return ProfileFactory()


@pytest.fixture
def api(client, owner):
    AccessTokenFactory(owner=owner, secret="wf_conv", scopes=["write:conversations", PRIVATE])
    return Caller(client, "wf_conv")


def test_planning_recording_and_correcting_as_on_the_pages(api, owner):
    manager = PersonFactory(owner=owner)
    PersonRoleFactory(owner=owner, person=manager, role=Role.MANAGER)
    planned = api("post", "/api/v1/conversations", {"held_on": AHEAD, "agenda": " Q1 asks "})
    assert planned.status_code == 201, planned.content
    body = planned.json()
    # No supervisor named: the manager on the day, as on the page.
    assert body["status"] == "planned" and body["agenda"] == "Q1 asks"
    assert body["supervisor"] == manager.pk
    pk = body["id"]
    # A planned conversation has no notes until recorded.
    notes = api("patch", f"/api/v1/conversations/{pk}", {"notes": "x"})
    assert notes.status_code == 422 and _fields(notes) == {"notes"}
    recorded = api(
        "post", f"/api/v1/conversations/{pk}/record", {"notes": "Went well.", "private_notes": "!"}
    )
    assert recorded.status_code == 200, recorded.content
    body = recorded.json()
    assert (body["status"], body["held_on"], body["agenda"]) == ("held", str(TODAY), "Q1 asks")
    assert body["private_notes"] == "!"
    again = api("post", f"/api/v1/conversations/{pk}/record", {})
    assert again.status_code == 400 and "already held" in again.json()["detail"]
    fixed = api("patch", f"/api/v1/conversations/{pk}", {"notes": "Went very well."})
    assert fixed.status_code == 200 and fixed.json()["agenda"] == "Q1 asks"
    assert DevelopmentConversation.objects.get().notes == "Went very well."


def test_the_date_rules_of_the_pages_hold(api, owner):
    past_plan = api("post", "/api/v1/conversations", {"held_on": AGO})
    assert past_plan.status_code == 422 and _fields(past_plan) == {"held_on"}
    future_record = api("post", "/api/v1/conversations/record", {"held_on": AHEAD})
    assert future_record.status_code == 422 and _fields(future_record) == {"held_on"}
    assert not DevelopmentConversation.objects.exists()
    held = api("post", "/api/v1/conversations/record", {"held_on": AGO, "notes": "Good."})
    assert held.status_code == 201, held.content
    # Correcting a held one without moving it does not trip on its date; moving it ahead does.
    pk = held.json()["id"]
    assert api("patch", f"/api/v1/conversations/{pk}", {"agenda": "A"}).status_code == 200
    ahead = api("patch", f"/api/v1/conversations/{pk}", {"held_on": AHEAD})
    assert ahead.status_code == 422 and _fields(ahead) == {"held_on"}
    theirs = PersonFactory()
    other = api("post", "/api/v1/conversations", {"held_on": AHEAD, "supervisor": theirs.pk})
    assert other.status_code == 422 and _fields(other) == {"supervisor"}


def test_cancel_and_delete(api, owner):
    planned = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.PLANNED)
    assert api("post", f"/api/v1/conversations/{planned.pk}/cancel").json()["status"] == "cancelled"
    held = DevelopmentConversationFactory(owner=owner)
    refused = api("post", f"/api/v1/conversations/{held.pk}/cancel")
    assert refused.status_code == 400 and "cannot be cancelled" in refused.json()["detail"]
    AgreedActionFactory(owner=owner, conversation=held)
    assert api("delete", f"/api/v1/conversations/{held.pk}").status_code == 204
    assert not AgreedAction.objects.exists()


def test_private_notes_only_with_the_private_scope(client, owner):
    conversation = DevelopmentConversationFactory(owner=owner, private_notes=CANARY)
    AccessTokenFactory(owner=owner, secret="wf_public", scopes=["write:conversations"])
    public = Caller(client, "wf_public")
    listed = public("get", "/api/v1/conversations")
    assert CANARY not in listed.content.decode()
    assert listed.json()["items"][0]["private_notes"] is None
    url = f"/api/v1/conversations/{conversation.pk}"
    assert public("get", url).json()["private_notes"] is None
    assert public("patch", url, {"private_notes": "x"}).status_code == 403
    refused = public("post", "/api/v1/conversations/record", {"held_on": AGO, "private_notes": "x"})
    assert refused.status_code == 403
    assert public("patch", url, {"notes": "Changed."}).status_code == 200
    conversation.refresh_from_db()
    assert conversation.private_notes == CANARY


def test_agreed_actions_are_added_planned_done_and_deleted(api, owner):
    conversation = DevelopmentConversationFactory(owner=owner)
    url = f"/api/v1/conversations/{conversation.pk}/agreed-actions"
    added = api("post", url, {"description": " Present  Q3 ", "due_on": AHEAD})
    assert added.status_code == 201, added.content
    action = added.json()
    assert (action["description"], action["who"]) == ("Present Q3", "me")
    assert action["plan_action"] is None
    assert _fields(api("post", url, {"description": "x", "who": "them"})) == {"who"}
    assert _fields(api("post", url, {"description": " "})) == {"description"}
    assert [a["id"] for a in api("get", url).json()] == [action["id"]]
    assert api("get", "/api/v1/agreed-actions/open").json()["count"] == 1
    planned = api("post", f"{url}/{action['id']}/to-plan")
    assert planned.status_code == 200, planned.content
    plan_action_id = planned.json()["plan_action"]
    assert plan_action_id is not None
    # Idempotent, as the service is.
    again = api("post", f"{url}/{action['id']}/to-plan")
    assert again.json()["plan_action"] == plan_action_id
    done = api("post", f"{url}/{action['id']}/done")
    assert done.json()["done"] is True
    agreed = AgreedAction.objects.select_related("plan_action").get()
    assert agreed.plan_action.status == ActionStatus.DONE
    assert api("get", "/api/v1/agreed-actions/open").json()["count"] == 0
    assert api("delete", f"{url}/{action['id']}").status_code == 204
    assert not AgreedAction.objects.exists()


def test_another_owners_conversation_and_action_are_404s(api, client, owner):
    theirs = AgreedActionFactory(description="Theirs")
    conversation = theirs.conversation
    their_actions = f"/api/v1/conversations/{conversation.pk}/agreed-actions"
    mine = DevelopmentConversationFactory(owner=owner)
    my_actions = f"/api/v1/conversations/{mine.pk}/agreed-actions"
    for method, url, data in [
        ("get", f"/api/v1/conversations/{conversation.pk}", None),
        ("patch", f"/api/v1/conversations/{conversation.pk}", {"notes": "Mine"}),
        ("post", f"/api/v1/conversations/{conversation.pk}/record", {}),
        ("post", f"/api/v1/conversations/{conversation.pk}/cancel", None),
        ("delete", f"/api/v1/conversations/{conversation.pk}", None),
        ("get", f"/api/v1/conversations/{conversation.pk}/agreed-actions", None),
        ("post", f"/api/v1/conversations/{conversation.pk}/agreed-actions", {"description": "x"}),
        ("post", f"{their_actions}/{theirs.pk}/done", None),
        ("post", f"{their_actions}/{theirs.pk}/to-plan", None),
        ("delete", f"{their_actions}/{theirs.pk}", None),
        # Their action under one of my conversations is no more mine.
        ("post", f"{my_actions}/{theirs.pk}/done", None),
        ("delete", f"{my_actions}/{theirs.pk}", None),
    ]:
        assert api(method, url, data).status_code == 404, (method, url)
    theirs.refresh_from_db()
    assert not theirs.done and theirs.plan_action is None
    assert AgreedAction.objects.count() == 1
    AccessTokenFactory(owner=owner, secret="wf_read", scopes=["read:conversations"])
    reader = Caller(client, "wf_read")
    assert reader("get", "/api/v1/conversations").status_code == 200
    assert reader("post", "/api/v1/conversations", {"held_on": AHEAD}).status_code == 403
    AccessTokenFactory(owner=owner, secret="wf_net", scopes=["write:network"])
    assert Caller(client, "wf_net")("get", "/api/v1/agreed-actions/open").status_code == 403


def test_the_list_filters_by_status_and_day_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    for n in range(10):
        conversation = DevelopmentConversationFactory(
            owner=owner,
            held_on=TODAY - dt.timedelta(days=10 * n),
            status=ConversationStatus.HELD if n % 2 else ConversationStatus.CANCELLED,
            supervisor=PersonFactory(owner=owner),
        )
        AgreedActionFactory.create_batch(2, owner=owner, conversation=conversation)
    api("get", "/api/v1/conversations")
    since = TODAY - dt.timedelta(days=60)
    with django_assert_max_num_queries(6):
        response = api("get", f"/api/v1/conversations?status=held&since={since}&limit=2")
    body = response.json()
    assert body["count"] == 3
    assert [c["held_on"] for c in body["items"]] == [
        str(TODAY - dt.timedelta(days=10)),
        str(TODAY - dt.timedelta(days=30)),
    ]
    assert len(body["items"][0]["agreed_actions"]) == 2


def test_the_api_plans_and_records_as_the_pages_do(client, api, owner):
    PersonRoleFactory(owner=owner, person=PersonFactory(owner=owner), role=Role.MANAGER)
    client.force_login(owner.user)
    plan = {"held_on": AHEAD, "agenda": " Asks "}
    assert client.post(reverse("conversations:conversation-new"), plan).status_code == 302
    assert api("post", "/api/v1/conversations", plan).status_code == 201
    record = {"held_on": AGO, "notes": " Good ", "private_notes": " Mine "}
    page = client.post(reverse("conversations:conversation-record-new"), record)
    assert page.status_code == 302
    assert api("post", "/api/v1/conversations/record", record).status_code == 201
    planned_page, planned_api, held_page, held_api = DevelopmentConversation.objects.order_by("id")
    assert _row(planned_page) == _row(planned_api)
    assert _row(held_page) == _row(held_api)
