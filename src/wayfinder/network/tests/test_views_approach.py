"""The "Who could you approach?" panel on the people pages, and planning the conversation."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from wayfinder.core.tests.factories import TODAY, SkillFactory
from wayfinder.network.models import Influence, Interaction, InteractionKind
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def plan_needs(owner, skill="Pricing", action="Commercial acumen"):
    act = DevelopmentActionFactory(owner=owner, title=action)
    act.skills.set([SkillFactory(owner=owner, name=skill)])


def page(client, name="network:people") -> str:
    return html.unescape(client.get(reverse(name)).content.decode())


@pytest.mark.parametrize("name", ["network:people", "network:people-list"])
def test_the_panel_names_candidates_with_their_reason_and_one_step(signed_in, owner, name):
    plan_needs(owner)
    priya = PersonFactory(
        owner=owner,
        name="Priya Raman",
        title="Head of Pricing",
        function="Finance",
        relative_level=2,
    )
    leader = PersonFactory(
        owner=owner, name="Lee Chen", function="Sales", relative_level=3, influence=Influence.HIGH
    )
    WinAudienceFactory(owner=owner, win=WinFactory(owner=owner), person=leader)
    content = page(signed_in, name)
    assert "Who could you approach?" in content
    assert (
        "Leads Pricing, which your plan's 'Commercial acumen' action needs; 2 levels up; Finance."
        in content
    )
    assert "High influence; knows your top win; 3 levels up; Sales." in content
    assert (
        f'href="{reverse("network:interaction-new")}?person={priya.pk}&kind=informational'
        '&plan=1"' in content
    )
    assert "Plan a conversation with Priya Raman" in content
    assert "Plan a conversation with Lee Chen" in content


def test_empty_lists_say_what_to_add(signed_in, owner):
    PersonFactory(owner=owner, name="Ima Port", relative_level=None)
    PersonFactory(owner=owner, name="Pat Peer", relative_level=0, function="Marketing")
    content = page(signed_in)
    assert "Add the skills your plan's actions build" in content
    assert "No one 2 or 3 levels up outside your reporting line yet." in content
    assert "1 person in your network is not placed yet" in content
    assert reverse("network:people-to-place") in content
    plan_needs(owner, skill="negotiation")
    content = page(signed_in)
    assert "names negotiation in their title, function or notes yet" in content


def test_another_owners_people_are_never_suggested(signed_in, owner, outsider):
    plan_needs(owner)
    PersonFactory(owner=owner, name="Own Person", relative_level=0, function="Marketing")
    PersonFactory(owner=outsider, name="Not Yours", title="Head of Pricing", relative_level=2)
    content = page(signed_in)
    assert "Not Yours" not in content


def test_the_people_page_runs_a_fixed_number_of_queries(
    signed_in, owner, django_assert_max_num_queries
):
    plan_needs(owner)
    plan_needs(owner, skill="Negotiation", action="Close a renewal")
    for n in range(200):
        PersonFactory(
            owner=owner,
            title=["Head of Pricing", "Negotiation lead", "Analyst"][n % 3],
            function=["Finance", "Sales", "Marketing", ""][n % 4],
            relative_level=n % 7 - 2,
        )
    with django_assert_max_num_queries(12):
        content = page(signed_in)
    assert content.count("Plan a conversation with") == 10


def test_plan_a_conversation_is_prefilled(signed_in, owner, outsider):
    priya = PersonFactory(owner=owner, name="Priya Raman")
    stranger = PersonFactory(owner=outsider, name="Not Yours")
    url = reverse("network:interaction-new")
    query = {"person": [priya.pk, stranger.pk], "kind": "informational", "plan": "1"}
    response = signed_in.get(url, query)
    form = response.context["form"]
    assert form.initial["kind"] == InteractionKind.INFORMATIONAL
    assert form.initial["occurred_on"] == TODAY + dt.timedelta(days=7)
    content = response.content.decode()
    assert "<h1>Plan a conversation with Priya Raman</h1>" in content
    assert "Not Yours" not in content
    [box] = re.findall(rf'<input[^>]*value="{priya.pk}"[^>]*>', content)
    assert "checked" in box
    response = signed_in.post(
        f"{url}?plan=1",
        {
            "people": [priya.pk],
            "occurred_on": (TODAY + dt.timedelta(days=7)).isoformat(),
            "kind": "informational",
        },
    )
    assert response.status_code == 302
    planned = Interaction.objects.for_owner(owner).get()
    assert list(planned.people.all()) == [priya]
    assert planned.occurred_on == TODAY + dt.timedelta(days=7)


def test_plan_a_conversation_without_a_known_person_asks_for_one(signed_in, outsider):
    stranger = PersonFactory(owner=outsider, name="Not Yours")
    url = reverse("network:interaction-new")
    for person in (stranger.pk, "x'; drop", ""):
        response = signed_in.get(url, {"person": person, "plan": "1"})
        assert response.status_code == 200
        assert "<h1>Plan a conversation</h1>" in response.content.decode()


@pytest.mark.parametrize("kind", ["", "sponsor-ish", "<script>"])
def test_an_unknown_kind_is_not_prefilled(signed_in, kind):
    response = signed_in.get(reverse("network:interaction-new"), {"kind": kind})
    assert response.status_code == 200
    assert "kind" not in response.context["form"].initial
    assert "<h1>Log an interaction</h1>" in response.content.decode()
