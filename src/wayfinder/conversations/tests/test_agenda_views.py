"""The drafted agenda in the browser: prefilled, drafted again, exported; outsiders get 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def day():
    # The views use the owner's real today.
    return dt.date.today()


def test_plan_a_conversation_prefills_the_drafted_agenda(signed_in, owner, day):
    WinFactory(owner=owner, title="Shipped the pricing page", occurred_on=day)
    WinFactory(owner=owner, title="Hidden", occurred_on=day, private_notes="CANARY-PRIVATE")
    content = signed_in.get(reverse("conversations:conversation-new")).content.decode()
    assert "### Wins" in content
    assert "Shipped the pricing page" in content
    assert "CANARY" not in content


def test_the_owner_edits_the_draft_and_it_is_saved_as_typed(signed_in, owner, day):
    response = signed_in.post(
        reverse("conversations:conversation-new"),
        {"held_on": (day + dt.timedelta(days=2)).isoformat(), "agenda": "My own words"},
    )
    assert response.status_code == 302
    assert DevelopmentConversation.objects.for_owner(owner).get().agenda == "My own words"


def test_draft_again_fills_the_form_and_saves_only_on_post(signed_in, owner, day):
    planned = DevelopmentConversationFactory(
        owner=owner, held_on=day + dt.timedelta(days=3), status=ConversationStatus.PLANNED
    )
    WinFactory(owner=owner, title="Won the award", occurred_on=day)
    url = reverse("conversations:conversation-agenda", args=[planned.pk])
    content = signed_in.get(url).content.decode()
    assert "Won the award" in content
    assert "Nothing is saved until you do" in content
    planned.refresh_from_db()
    assert planned.agenda == "Plan progress; recent wins; asks."
    response = signed_in.post(
        url, {"held_on": planned.held_on.isoformat(), "agenda": "- Won the award\n- Ask: CRO"}
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.agenda == "- Won the award\n- Ask: CRO"


def test_draft_is_offered_for_planned_conversations_only(signed_in, owner, day):
    held = DevelopmentConversationFactory(owner=owner, held_on=day)
    detail = signed_in.get(held.get_absolute_url()).content.decode()
    assert "Draft the agenda from my record" not in detail
    response = signed_in.get(reverse("conversations:conversation-agenda", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.agenda == "Plan progress; recent wins; asks."


def test_export_downloads_markdown_without_private_notes(signed_in, owner, day):
    conversation = DevelopmentConversationFactory(
        owner=owner, held_on=day, notes="Heard good things", private_notes="CANARY-PRIVATE"
    )
    response = signed_in.get(reverse("conversations:conversation-export", args=[conversation.pk]))
    assert response["Content-Type"].startswith("text/markdown")
    assert f'filename="conversation-{day.isoformat()}.md"' in response["Content-Disposition"]
    text = response.content.decode()
    assert "Heard good things" in text and "Plan progress" in text
    assert "CANARY" not in text


@pytest.mark.parametrize("name", ["conversation-agenda", "conversation-export"])
def test_another_owners_conversation_is_not_found(signed_in, outsider, day, name):
    theirs = DevelopmentConversationFactory(
        owner=outsider, held_on=day + dt.timedelta(days=1), status=ConversationStatus.PLANNED
    )
    url = reverse(f"conversations:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code == 404
    response = signed_in.post(url, {"held_on": day.isoformat(), "agenda": "hijack"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.agenda == "Plan progress; recent wins; asks."


@pytest.mark.parametrize("size", [1, 15])
def test_plan_page_query_count_is_fixed(signed_in, owner, day, size, django_assert_max_num_queries):
    for n in range(size):
        WinFactory(owner=owner, title=f"Win {n}", occurred_on=day)
    # One of them is readiness's ladder choice, for the gaps among the asks.
    with django_assert_max_num_queries(25):
        signed_in.get(reverse("conversations:conversation-new"))
