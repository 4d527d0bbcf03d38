"""The network through the API: people, their roles and interactions, on the web's forms
and services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.forms.models import model_to_dict
from django.urls import reverse

from wayfinder.api.scopes import PRIVATE
from wayfinder.api.tests.factories import AccessTokenFactory, bearer
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.network.models import Interaction, Person, PersonRole, Role
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)

pytestmark = pytest.mark.django_db

CANARY = "canary-private-network"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def owner():
    return ProfileFactory()


@pytest.fixture
def api(client, owner):
    """Calls with a token holding every scope of the network, `private` included."""
    AccessTokenFactory(owner=owner, secret="wf_net", scopes=["write:network", PRIVATE])
    return Caller(client, "wf_net")


class Caller:
    def __init__(self, client, secret):
        self.client, self.secret = client, secret

    def __call__(self, method, url, data=None):
        call = getattr(self.client, method)
        if data is None:
            return call(url, headers=bearer(self.secret))
        return call(url, data=data, content_type="application/json", headers=bearer(self.secret))


def _fields(response) -> set[str]:
    assert response["Content-Type"].startswith("application/json"), response.content
    return {error["field"] for error in response.json()["errors"]}


# --- People ------------------------------------------------------------------------------


def test_adding_a_person_goes_through_the_form_and_the_service(api, owner):
    response = api(
        "post",
        "/api/v1/people",
        {"name": "  Ada   Lovelace ", "function": " Sales  ops", "relative_level": 2},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.for_owner(owner).get()
    # The service's own cleaning: one space between words.
    assert body["name"] == person.name == "Ada Lovelace"
    assert body["function"] == "Sales ops"
    assert body["relative_level"] == 2 and body["influence"] == "medium"
    assert body["roles"] == [] and body["last_interaction_on"] is None


def test_a_bad_person_is_a_422_naming_each_field_and_adds_no_one(api, owner):
    response = api(
        "post",
        "/api/v1/people",
        {"name": "", "relative_level": 9, "email": "not-an-address"},
    )
    assert response.status_code == 422
    assert _fields(response) == {"name", "relative_level", "email"}
    # The service's own rule, after the form's: a 400 with its sentence.
    refused = api("post", "/api/v1/people", {"name": "Ada", "cadence_days": 0})
    assert refused.status_code == 400
    assert refused.json()["detail"] == "A cadence is a positive number of days, or none."
    assert not Person.objects.exists()


def test_a_name_taken_is_refused_with_the_services_sentence(api, owner):
    PersonFactory(owner=owner, name="Grace Hopper")
    response = api("post", "/api/v1/people", {"name": "grace hopper"})
    assert response.status_code in (400, 422)
    assert "grace hopper" in response.content.decode().lower()
    assert Person.objects.count() == 1


def test_a_new_name_is_checked_against_everyone_elses_as_the_service_says(api, owner):
    PersonFactory(owner=owner, name="Ada Lovelace")
    other = PersonFactory(owner=owner, name="Grace Hopper")
    response = api("patch", f"/api/v1/people/{other.pk}", {"name": "ada  LOVELACE"})
    assert response.status_code == 400
    assert response.json()["detail"] == "There is already someone called 'ada LOVELACE'."
    other.refresh_from_db()
    assert other.name == "Grace Hopper"
    renamed = api("patch", f"/api/v1/people/{other.pk}", {"name": " Grace   B. Hopper "})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Grace B. Hopper"


def test_a_patch_changes_only_the_fields_given(api, owner):
    person = PersonFactory(owner=owner, title="CFO", notes="Met at the offsite.")
    response = api("patch", f"/api/v1/people/{person.pk}", {"title": "CEO", "cadence_days": 30})
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.title, person.cadence_days, person.notes) == ("CEO", 30, "Met at the offsite.")
    cleared = api("patch", f"/api/v1/people/{person.pk}", {"cadence_days": None})
    assert cleared.json()["cadence_days"] is None


def test_archive_restore_and_delete(api, owner):
    person = PersonFactory(owner=owner)
    assert api("post", f"/api/v1/people/{person.pk}/archive").json()["is_active"] is False
    assert api("get", "/api/v1/people").json()["count"] == 0
    assert api("get", "/api/v1/people?status=archived").json()["count"] == 1
    assert api("post", f"/api/v1/people/{person.pk}/restore").json()["is_active"] is True
    assert api("delete", f"/api/v1/people/{person.pk}").status_code == 204
    assert not Person.objects.exists()


def test_private_notes_only_with_the_private_scope(client, owner):
    person = PersonFactory(owner=owner, private_notes=CANARY)
    AccessTokenFactory(owner=owner, secret="wf_public", scopes=["write:network"])
    public = Caller(client, "wf_public")
    listed = public("get", "/api/v1/people")
    assert CANARY not in listed.content.decode()
    assert listed.json()["items"][0]["private_notes"] is None
    assert public("get", f"/api/v1/people/{person.pk}").json()["private_notes"] is None
    refused = public("patch", f"/api/v1/people/{person.pk}", {"private_notes": "x"})
    assert refused.status_code == 403
    # A change to a public field keeps the private notes the token cannot see.
    assert public("patch", f"/api/v1/people/{person.pk}", {"title": "CTO"}).status_code == 200
    person.refresh_from_db()
    assert person.private_notes == CANARY
    AccessTokenFactory(owner=owner, secret="wf_private", scopes=["read:network", PRIVATE])
    private = Caller(client, "wf_private")
    assert private("get", f"/api/v1/people/{person.pk}").json()["private_notes"] == CANARY


def test_a_missing_scope_is_a_403(client, owner):
    person = PersonFactory(owner=owner)
    AccessTokenFactory(owner=owner, secret="wf_read", scopes=["read:network"])
    reader = Caller(client, "wf_read")
    assert reader("get", f"/api/v1/people/{person.pk}").status_code == 200
    for method, url, data in [
        ("post", "/api/v1/people", {"name": "New"}),
        ("patch", f"/api/v1/people/{person.pk}", {"title": "x"}),
        ("delete", f"/api/v1/people/{person.pk}", None),
        ("post", "/api/v1/interactions", {"people": [person.pk], "occurred_on": "2026-11-01"}),
    ]:
        response = reader(method, url, data)
        assert response.status_code == 403, (method, url)
        assert "write:network" in response.json()["detail"]
    AccessTokenFactory(owner=owner, secret="wf_wins", scopes=["write:wins"])
    assert Caller(client, "wf_wins")("get", "/api/v1/people").status_code == 403


def test_another_owners_person_and_interaction_are_404s_and_unchanged(api, owner):
    theirs = PersonFactory(title="Theirs")
    their_talk = InteractionFactory(owner=theirs.owner, people=[theirs])
    for method, url, data in [
        ("get", f"/api/v1/people/{theirs.pk}", None),
        ("patch", f"/api/v1/people/{theirs.pk}", {"title": "Mine"}),
        ("post", f"/api/v1/people/{theirs.pk}/archive", None),
        ("delete", f"/api/v1/people/{theirs.pk}", None),
        ("get", f"/api/v1/people/{theirs.pk}/roles", None),
        ("post", f"/api/v1/people/{theirs.pk}/roles", {"role": "mentor"}),
        ("get", f"/api/v1/people/{theirs.pk}/interactions", None),
        ("get", f"/api/v1/interactions/{their_talk.pk}", None),
        ("patch", f"/api/v1/interactions/{their_talk.pk}", {"notes": "Mine"}),
        ("delete", f"/api/v1/interactions/{their_talk.pk}", None),
    ]:
        response = api(method, url, data)
        assert response.status_code == 404, (method, url)
        assert response.json()["detail"]
    theirs.refresh_from_db()
    assert theirs.title == "Theirs" and theirs.is_active
    assert Interaction.objects.filter(pk=their_talk.pk, notes=their_talk.notes).exists()


def test_people_list_filters_and_pages_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    for n in range(12):
        person = PersonFactory(owner=owner, name=f"Person {n:02d}", relative_level=n % 3)
        PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR if n % 2 else Role.PEER)
        InteractionFactory(owner=owner, people=[person], occurred_on=TODAY - dt.timedelta(n))
    api("get", "/api/v1/people")  # note the token's use first
    with django_assert_max_num_queries(6):
        response = api("get", "/api/v1/people?role=mentor&limit=3&offset=1")
    body = response.json()
    assert body["count"] == 6
    assert [p["name"] for p in body["items"]] == ["Person 03", "Person 05", "Person 07"]
    assert body["items"][0]["roles"] == ["mentor"]
    assert body["items"][0]["last_interaction_on"] == str(TODAY - dt.timedelta(3))
    assert api("get", "/api/v1/people?level=2").json()["count"] == 4
    assert _fields(api("get", "/api/v1/people?role=boss")) == {"role"}


# --- Roles -------------------------------------------------------------------------------


def test_roles_are_assigned_listed_and_ended_through_the_services(api, owner):
    person = PersonFactory(owner=owner)
    started = TODAY - dt.timedelta(days=40)
    response = api(
        "post", f"/api/v1/people/{person.pk}/roles", {"role": "sponsor", "started_on": str(started)}
    )
    assert response.status_code == 201, response.content
    assert response.json() == {
        "role": "sponsor",
        "started_on": str(started),
        "ended_on": None,
        "held": True,
    }
    again = api("post", f"/api/v1/people/{person.pk}/roles", {"role": "sponsor"})
    assert again.status_code == 400 and "already your sponsor" in again.json()["detail"]
    ended = api("post", f"/api/v1/people/{person.pk}/roles/sponsor/end")
    assert ended.json()["ended_on"] == str(TODAY) and ended.json()["held"] is False
    listed = api("get", f"/api/v1/people/{person.pk}/roles").json()
    assert [r["role"] for r in listed] == ["sponsor"]
    not_held = api("post", f"/api/v1/people/{person.pk}/roles/mentor/end")
    assert not_held.status_code == 400 and "not your mentor" in not_held.json()["detail"]
    assert PersonRole.objects.get().ended_on == TODAY


# --- Interactions ------------------------------------------------------------------------


def test_logging_and_correcting_an_interaction(api, owner):
    ada, bob = PersonFactory(owner=owner), PersonFactory(owner=owner)
    response = api(
        "post",
        "/api/v1/interactions",
        {
            "people": [ada.pk, bob.pk],
            "occurred_on": str(TODAY),
            "kind": "coffee",
            "notes": " Talked pricing. ",
            "follow_up_due": str(TODAY + dt.timedelta(days=7)),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert sorted(p["id"] for p in body["people"]) == sorted([ada.pk, bob.pk])
    interaction = Interaction.objects.get()
    assert interaction.notes == "Talked pricing."
    changed = api(
        "patch", f"/api/v1/interactions/{interaction.pk}", {"people": [bob.pk], "kind": "meeting"}
    )
    assert changed.status_code == 200, changed.content
    assert [p["id"] for p in changed.json()["people"]] == [bob.pk]
    interaction.refresh_from_db()
    assert interaction.kind == "meeting" and interaction.notes == "Talked pricing."
    assert api("get", f"/api/v1/people/{ada.pk}/interactions").json()["count"] == 0
    assert api("get", f"/api/v1/people/{bob.pk}/interactions").json()["count"] == 1
    assert api("delete", f"/api/v1/interactions/{interaction.pk}").status_code == 204
    assert not Interaction.objects.exists()


def test_an_interaction_with_no_one_or_someone_elses_person_is_a_422(api, owner):
    theirs = PersonFactory()
    for people in ([], [theirs.pk], [2**63 - 1]):
        response = api(
            "post", "/api/v1/interactions", {"people": people, "occurred_on": str(TODAY)}
        )
        assert response.status_code == 422, (people, response.content)
        assert _fields(response) == {"people"}
    bad_date = api("post", "/api/v1/interactions", {"people": [1], "occurred_on": "2026-13-40"})
    assert "occurred_on" in _fields(bad_date)
    assert not Interaction.objects.exists()


def test_interactions_filter_by_date_and_kind_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    people = [PersonFactory(owner=owner) for _ in range(3)]
    for n in range(10):
        InteractionFactory(
            owner=owner,
            people=people,
            occurred_on=TODAY - dt.timedelta(days=n),
            kind="coffee" if n % 2 else "meeting",
        )
    api("get", "/api/v1/interactions")
    since = TODAY - dt.timedelta(days=6)
    with django_assert_max_num_queries(6):
        response = api("get", f"/api/v1/interactions?since={since}&kind=coffee&limit=2")
    body = response.json()
    assert body["count"] == 3
    assert [i["occurred_on"] for i in body["items"]] == [
        str(TODAY - dt.timedelta(days=1)),
        str(TODAY - dt.timedelta(days=3)),
    ]
    assert len(body["items"][0]["people"]) == 3


def _row(obj, *, leave_out: tuple[str, ...] = ()) -> dict:
    """What a record holds, but for what makes two records two."""
    row = model_to_dict(obj)
    for name in ("id", "created_at", "updated_at", *leave_out):
        row.pop(name, None)
    return row


def test_the_api_adds_the_same_person_and_interaction_as_the_pages(client, api, owner):
    fields = {
        "title": " VP Sales ",
        "organisation": "Northwind",
        "function": "Sales",
        "relative_level": 2,
        "influence": "high",
        "cadence_days": 30,
        "email": "ada@example.com",
        "notes": "Met at the offsite.",
    }
    client.force_login(owner.user)
    page = client.post(reverse("network:person-new"), {"name": "By page", **fields})
    assert page.status_code == 302
    assert api("post", "/api/v1/people", {"name": "By API", **fields}).status_code == 201
    by_page, by_api = Person.objects.get(name="By page"), Person.objects.get(name="By API")
    assert _row(by_page, leave_out=("name",)) == _row(by_api, leave_out=("name",))
    talk = {"occurred_on": str(TODAY), "kind": "coffee", "notes": " Pricing ", "follow_ups": ""}
    page = client.post(reverse("network:interaction-new"), {"people": [by_page.pk], **talk})
    assert page.status_code == 302
    assert api("post", "/api/v1/interactions", {"people": [by_page.pk], **talk}).status_code == 201
    first, second = Interaction.objects.order_by("id")
    assert _row(first) == _row(second)
