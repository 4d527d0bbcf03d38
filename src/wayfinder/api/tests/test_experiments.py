"""Experiments and check-ins through the API, on the web's forms and services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.api.tests.test_network import Caller, _fields, _row
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.experiments.models import CheckIn, Experiment, ExperimentStatus
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory

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
    AccessTokenFactory(owner=owner, secret="wf_exp", scopes=["write:experiments"])
    return Caller(client, "wf_exp")


def _design(**fields):
    return {
        "title": "Lead the graduate cohort",
        "hypothesis": "I'd find people leadership energising.",
        "starts_on": str(TODAY),
        "ends_on": str(TODAY + dt.timedelta(days=60)),
        **fields,
    }


def test_designing_starting_checking_in_and_concluding(api, owner):
    goal = GoalFactory(owner=owner)
    response = api("post", "/api/v1/experiments", _design(goal=goal.pk, signals=" Energy "))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["goal"], body["signals"]) == ("designed", goal.pk, "Energy")
    assert body["check_in_count"] == 0
    pk = body["id"]
    started = api("post", f"/api/v1/experiments/{pk}/start")
    assert started.json()["status"] == "running"
    check_in = api(
        "post", f"/api/v1/experiments/{pk}/check-ins", {"held_on": str(TODAY), "energy": 4}
    )
    assert check_in.status_code == 201, check_in.content
    assert check_in.json()["energy"] == 4
    assert api("get", f"/api/v1/experiments/{pk}").json()["check_in_count"] == 1
    assert api("get", f"/api/v1/experiments/{pk}/check-ins").json()["count"] == 1
    # Concluding long before the time box ends needs the page's confirmation.
    early = api("post", f"/api/v1/experiments/{pk}/conclude", {"verdict": "adopt"})
    assert early.status_code == 422 and _fields(early) == {"confirm_early"}
    concluded = api(
        "post",
        f"/api/v1/experiments/{pk}/conclude",
        {"verdict": "adapt", "learnings": "Yes.", "confirm_early": True},
    )
    assert concluded.status_code == 200, concluded.content
    assert concluded.json()["verdict"] == "adapt"
    assert concluded.json()["decided_on"] == str(TODAY)
    adapted = api("post", "/api/v1/experiments", _design(title="Round two", adapted_from=pk))
    assert adapted.status_code == 201 and adapted.json()["adapted_from"] == pk


def test_a_long_time_box_needs_confirming_as_on_the_page(api):
    long_box = _design(ends_on=str(TODAY + dt.timedelta(days=400)))
    refused = api("post", "/api/v1/experiments", long_box)
    assert refused.status_code == 422 and _fields(refused) == {"confirm_long"}
    assert not Experiment.objects.exists()
    assert api("post", "/api/v1/experiments", {**long_box, "confirm_long": True}).status_code == 201


def test_bad_fields_are_a_422_naming_them(api, owner):
    theirs = GoalFactory()
    response = api(
        "post",
        "/api/v1/experiments",
        _design(title="", ends_on=str(TODAY - dt.timedelta(days=1)), goal=theirs.pk),
    )
    assert response.status_code == 422
    assert _fields(response) == {"title", "ends_on", "goal"}
    experiment = ExperimentFactory(owner=owner)
    url = f"/api/v1/experiments/{experiment.pk}/check-ins"
    # Types first (the schema), then the page's form.
    assert _fields(api("post", url, {"held_on": "x", "energy": 9})) == {"held_on"}
    assert _fields(api("post", url, {"held_on": str(TODAY), "energy": 9})) == {"energy"}
    assert not CheckIn.objects.exists()


def test_a_refused_change_is_a_400_with_the_services_sentence(api, owner):
    experiment = ExperimentFactory(owner=owner, status=ExperimentStatus.RUNNING)
    response = api("post", f"/api/v1/experiments/{experiment.pk}/start")
    assert response.status_code == 400
    assert response.json()["detail"] == f"'{experiment.title}' is running, not waiting to start."
    empty = api("post", f"/api/v1/experiments/{experiment.pk}/check-ins", {"held_on": str(TODAY)})
    assert empty.status_code == 400 and "needs notes" in empty.json()["detail"]


def test_a_patch_changes_only_the_fields_given(api, owner):
    goal = GoalFactory(owner=owner)
    experiment = ExperimentFactory(owner=owner, goal=goal, signals="Energy")
    response = api("patch", f"/api/v1/experiments/{experiment.pk}", {"title": "Renamed"})
    assert response.status_code == 200, response.content
    experiment.refresh_from_db()
    assert (experiment.title, experiment.goal, experiment.signals) == ("Renamed", goal, "Energy")
    cleared = api("patch", f"/api/v1/experiments/{experiment.pk}", {"goal": None})
    assert cleared.json()["goal"] is None


def test_another_owners_experiment_is_a_404_and_unchanged(api):
    theirs = ExperimentFactory(title="Theirs")
    for method, url, data in [
        ("get", f"/api/v1/experiments/{theirs.pk}", None),
        ("patch", f"/api/v1/experiments/{theirs.pk}", {"title": "Mine"}),
        ("post", f"/api/v1/experiments/{theirs.pk}/start", None),
        ("post", f"/api/v1/experiments/{theirs.pk}/conclude", {"verdict": "adopt"}),
        ("get", f"/api/v1/experiments/{theirs.pk}/check-ins", None),
        ("post", f"/api/v1/experiments/{theirs.pk}/check-ins", {"held_on": str(TODAY)}),
        ("delete", f"/api/v1/experiments/{theirs.pk}", None),
    ]:
        assert api(method, url, data).status_code == 404, (method, url)
    theirs.refresh_from_db()
    assert theirs.title == "Theirs" and theirs.status == ExperimentStatus.RUNNING
    adapting = api("post", "/api/v1/experiments", _design(adapted_from=theirs.pk))
    assert adapting.status_code == 422 and _fields(adapting) == {"adapted_from"}


def test_a_missing_scope_is_a_403(client, owner):
    experiment = ExperimentFactory(owner=owner)
    AccessTokenFactory(owner=owner, secret="wf_read", scopes=["read:experiments"])
    reader = Caller(client, "wf_read")
    assert reader("get", f"/api/v1/experiments/{experiment.pk}").status_code == 200
    assert reader("delete", f"/api/v1/experiments/{experiment.pk}").status_code == 403
    assert reader("post", "/api/v1/experiments", _design()).status_code == 403
    AccessTokenFactory(owner=owner, secret="wf_other", scopes=["write:network"])
    assert Caller(client, "wf_other")("get", "/api/v1/experiments").status_code == 403
    assert Experiment.objects.count() == 1


def test_delete(api, owner):
    experiment = ExperimentFactory(owner=owner)
    CheckInFactory(owner=owner, experiment=experiment)
    assert api("delete", f"/api/v1/experiments/{experiment.pk}").status_code == 204
    assert not Experiment.objects.exists() and not CheckIn.objects.exists()


def test_the_list_filters_by_status_and_start_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    for n in range(10):
        experiment = ExperimentFactory(
            owner=owner,
            starts_on=TODAY - dt.timedelta(days=10 * n),
            status=ExperimentStatus.RUNNING if n % 2 else ExperimentStatus.DESIGNED,
        )
        CheckInFactory(owner=owner, experiment=experiment)
    api("get", "/api/v1/experiments")
    since = TODAY - dt.timedelta(days=50)
    with django_assert_max_num_queries(5):
        response = api("get", f"/api/v1/experiments?status=running&since={since}&limit=2")
    body = response.json()
    assert body["count"] == 3
    assert [e["starts_on"] for e in body["items"]] == [
        str(TODAY - dt.timedelta(days=10)),
        str(TODAY - dt.timedelta(days=30)),
    ]
    assert body["items"][0]["check_in_count"] == 1
    assert _fields(api("get", "/api/v1/experiments?status=paused")) == {"status"}


def test_the_api_designs_and_checks_in_as_the_pages_do(client, api, owner):
    design = _design(signals=" Energy ")
    client.force_login(owner.user)
    assert client.post(reverse("experiments:experiment-new"), design).status_code == 302
    assert api("post", "/api/v1/experiments", design).status_code == 201
    by_page, by_api = Experiment.objects.order_by("id")
    assert _row(by_page) == _row(by_api)
    check_in = {"held_on": str(TODAY), "notes": " Went well ", "energy": 4}
    for experiment in (by_page, by_api):
        experiment.status = ExperimentStatus.RUNNING
        experiment.save()
    page = client.post(reverse("experiments:experiment-check-in", args=[by_page.pk]), check_in)
    assert page.status_code == 302
    api("post", f"/api/v1/experiments/{by_api.pk}/check-ins", check_in)
    first, second = CheckIn.objects.order_by("id")
    assert _row(first, leave_out=("experiment",)) == _row(second, leave_out=("experiment",))
