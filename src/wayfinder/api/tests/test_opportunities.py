"""Opportunities through the API, on the web's forms and the plan services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.api.tests.test_network import Caller, _fields, _row
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import Opportunity, OpportunityStatus
from wayfinder.plan.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def owner():
    return ProfileFactory()


@pytest.fixture
def api(client, owner):
    AccessTokenFactory(owner=owner, secret="wf_opp", scopes=["write:opportunities"])
    return Caller(client, "wf_opp")


def test_noting_changing_moving_and_deleting(api, owner):
    sponsor = PersonFactory(owner=owner)
    experiment = ExperimentFactory(owner=owner)
    response = api(
        "post",
        "/api/v1/opportunities",
        {
            "title": " Join the pricing task force ",
            "spotted_on": str(TODAY - dt.timedelta(days=3)),
            "kind": "task_force",
            "source": "sponsor",
            "brought_by": sponsor.pk,
            "experiment": experiment.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Join the pricing task force"
    assert (body["status"], body["brought_by"], body["experiment"]) == (
        "spotted",
        sponsor.pk,
        experiment.pk,
    )
    pk = body["id"]
    changed = api("patch", f"/api/v1/opportunities/{pk}", {"description": "Q1", "brought_by": None})
    assert changed.status_code == 200, changed.content
    opportunity = Opportunity.objects.get()
    assert (opportunity.description, opportunity.brought_by) == ("Q1", None)
    assert opportunity.experiment == experiment and opportunity.kind == "task_force"
    secured = api("post", f"/api/v1/opportunities/{pk}/move", {"status": "secured"})
    assert secured.json()["decided_on"] == str(TODAY)
    back = api("post", f"/api/v1/opportunities/{pk}/move", {"status": "pursued"})
    assert back.json()["decided_on"] is None
    assert api("delete", f"/api/v1/opportunities/{pk}").status_code == 204
    assert not Opportunity.objects.exists()


def test_bad_fields_are_a_422_naming_them_and_a_refusal_a_400(api, owner):
    response = api(
        "post",
        "/api/v1/opportunities",
        {"title": "x" * 201, "spotted_on": str(TODAY), "brought_by": PersonFactory().pk},
    )
    assert response.status_code == 422 and _fields(response) == {"title", "brought_by"}
    assert _fields(api("post", "/api/v1/opportunities", {"kind": "raise"})) == {
        "title",
        "spotted_on",
        "kind",
    }
    assert not Opportunity.objects.exists()
    ahead = OpportunityFactory(owner=owner, spotted_on=TODAY + dt.timedelta(days=2))
    refused = api("post", f"/api/v1/opportunities/{ahead.pk}/move", {"status": "declined"})
    assert refused.status_code == 400 and "decide on or after" in refused.json()["detail"]


def test_another_owners_opportunity_is_a_404_and_a_missing_scope_a_403(api, client, owner):
    theirs = OpportunityFactory(title="Theirs")
    for method, url, data in [
        ("get", f"/api/v1/opportunities/{theirs.pk}", None),
        ("patch", f"/api/v1/opportunities/{theirs.pk}", {"title": "Mine"}),
        ("post", f"/api/v1/opportunities/{theirs.pk}/move", {"status": "secured"}),
        ("delete", f"/api/v1/opportunities/{theirs.pk}", None),
    ]:
        assert api(method, url, data).status_code == 404, (method, url)
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Theirs", OpportunityStatus.SPOTTED)
    mine = OpportunityFactory(owner=owner)
    AccessTokenFactory(owner=owner, secret="wf_read", scopes=["read:opportunities"])
    reader = Caller(client, "wf_read")
    assert reader("get", f"/api/v1/opportunities/{mine.pk}").status_code == 200
    assert reader("delete", f"/api/v1/opportunities/{mine.pk}").status_code == 403
    AccessTokenFactory(owner=owner, secret="wf_plan", scopes=["write:plan"])
    assert Caller(client, "wf_plan")("get", "/api/v1/opportunities").status_code == 403


def test_the_list_filters_by_status_and_day_spotted_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    for n in range(10):
        OpportunityFactory(
            owner=owner,
            spotted_on=TODAY - dt.timedelta(days=n),
            status=OpportunityStatus.PURSUED if n % 2 else OpportunityStatus.SPOTTED,
        )
    api("get", "/api/v1/opportunities")
    until = TODAY - dt.timedelta(days=2)
    with django_assert_max_num_queries(4):
        response = api("get", f"/api/v1/opportunities?status=pursued&until={until}&offset=1")
    body = response.json()
    assert body["count"] == 4
    assert [o["spotted_on"] for o in body["items"]] == [
        str(TODAY - dt.timedelta(days=n)) for n in (5, 7, 9)
    ]


def test_the_api_notes_an_opportunity_as_the_page_does(client, api, owner):
    fields = {
        "title": " Pricing task force ",
        "spotted_on": str(TODAY),
        "kind": "task_force",
        "source": "sponsor",
        "brought_by": PersonFactory(owner=owner).pk,
        "description": "Q1",
    }
    client.force_login(owner.user)
    assert client.post(reverse("plan:opportunity-new"), fields).status_code == 302
    assert api("post", "/api/v1/opportunities", fields).status_code == 201
    by_page, by_api = Opportunity.objects.order_by("id")
    assert _row(by_page) == _row(by_api)
