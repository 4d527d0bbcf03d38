import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.core.web import today_for
from wayfinder.network.models import Interaction, PersonRole, Role
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory, PersonRoleFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
DAY = dt.timedelta(days=1)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_person_page_shows_facts_roles_timeline_wins_and_cadence(signed_in, owner):
    person = PersonFactory(owner=owner, name="Mia", cadence_days=30, private_notes="Ally.")
    PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
    long_ago = today_for(owner) - dt.timedelta(days=45)
    InteractionFactory(owner=owner, people=[person], occurred_on=long_ago, notes="Met at offsite")
    win = WinFactory(owner=owner, title="Launched the partner programme")
    WinAudienceFactory(owner=owner, win=win, person=person)
    content = signed_in.get(person.get_absolute_url()).content.decode()
    assert "Met at offsite" in content
    assert "45 days ago" in content and "Past your 30-day cadence" in content
    assert "Launched the partner programme" in content
    assert '<span class="badge badge-role-mentor">Mentor</span>' in content
    assert "badge-private" in content and "for your eyes only" in content
    assert f'value="{today_for(owner).isoformat()}"' in content


def test_quick_log_with_htmx_prepends_the_entry_and_resets_the_form(signed_in, owner):
    person = PersonFactory(owner=owner, cadence_days=30)
    today = today_for(owner)
    response = signed_in.post(
        reverse("network:person-log", args=[person.pk]),
        {"occurred_on": today.isoformat(), "kind": "coffee", "notes": "Talked about Q3 plans"},
        headers=HX,
    )
    interaction = Interaction.objects.for_owner(owner).get()
    assert list(interaction.people.all()) == [person]
    content = response.content.decode()
    assert content.lstrip().startswith(f'<li id="interaction-{interaction.pk}">')
    assert "Talked about Q3 plans" in content
    assert 'id="quick-log"' in content and 'hx-swap-oob="true"' in content
    assert "Within your 30-day cadence" in content


def test_quick_log_without_a_date_returns_the_form_with_errors_in_place(signed_in, owner):
    person = PersonFactory(owner=owner)
    response = signed_in.post(
        reverse("network:person-log", args=[person.pk]),
        {"occurred_on": "", "kind": "coffee", "notes": "Keep this text"},
        headers=HX,
    )
    assert response["HX-Retarget"] == "#quick-log"
    assert response["HX-Reswap"] == "outerHTML"
    content = response.content.decode()
    assert "This field is required" in content and "Keep this text" in content
    assert not Interaction.objects.for_owner(owner).exists()


def test_quick_log_without_htmx_redirects_to_the_person(signed_in, owner):
    person = PersonFactory(owner=owner)
    response = signed_in.post(
        reverse("network:person-log", args=[person.pk]),
        {"occurred_on": "2026-11-20", "kind": "one_on_one"},
    )
    assert response["Location"] == person.get_absolute_url()
    assert Interaction.objects.for_owner(owner).get().kind == "one_on_one"


def test_roles_assign_and_end_inline(signed_in, owner):
    person = PersonFactory(owner=owner, name="Noor Ali")
    url = reverse("network:person-role-assign", args=[person.pk])
    response = signed_in.post(url, {"role": "sponsor"}, headers=HX)
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="roles"')
    assert "badge-role-sponsor" in content
    again = signed_in.post(url, {"role": "sponsor"}, headers=HX).content.decode()
    assert "Noor Ali is already your sponsor." in again
    ended = signed_in.post(
        reverse("network:person-role-end", args=[person.pk]), {"role": "sponsor"}, headers=HX
    ).content.decode()
    assert "Before: sponsor until" in ended
    held = PersonRole.objects.for_owner(owner).get()
    assert held.ended_on == today_for(owner)


def test_ending_a_role_not_held_says_so(signed_in, owner):
    person = PersonFactory(owner=owner, name="Noor")
    response = signed_in.post(
        reverse("network:person-role-end", args=[person.pk]), {"role": "mentor"}
    )
    assert response["Location"] == person.get_absolute_url()
    page = signed_in.get(person.get_absolute_url()).content.decode()
    assert "Noor is not your mentor." in page


@pytest.mark.parametrize("name", ["person", "person-log", "person-role-assign", "person-role-end"])
def test_another_owners_person_is_not_found(signed_in, outsider, name):
    person = PersonFactory(owner=outsider)
    url = reverse(f"network:{name}", args=[person.pk])
    if name == "person":
        assert signed_in.get(url).status_code == 404
    data = {"occurred_on": "2026-11-20", "kind": "coffee", "role": "mentor"}
    assert signed_in.post(url, data).status_code == 404
    assert not Interaction.objects.exists()
    assert not PersonRole.objects.exists()


def test_person_page_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    person = PersonFactory(owner=owner)
    PersonRoleFactory(owner=owner, person=person)

    def grow(size):
        for _ in range(size):
            others = PersonFactory.create_batch(2, owner=owner)
            InteractionFactory(owner=owner, people=[person, *others])
            WinAudienceFactory(owner=owner, person=person)
            WinFactory(owner=owner).collaborators.add(person)

    grow(2)
    with django_assert_max_num_queries(9):
        signed_in.get(person.get_absolute_url())
    grow(30)
    with django_assert_max_num_queries(9):
        signed_in.get(person.get_absolute_url())


def test_person_page_splits_roles_by_the_held_today_rule(signed_in, owner):
    today = today_for(owner)
    person = PersonFactory(owner=owner, name="Noor")
    PersonRoleFactory(owner=owner, person=person, role=Role.SPONSOR, ended_on=today + DAY)
    PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR, started_on=today + DAY)
    PersonRoleFactory(owner=owner, person=person, role=Role.COACH, ended_on=today)
    response = signed_in.get(person.get_absolute_url())
    held = [r.role for r in response.context["current_roles"]]
    assert held == [Role.SPONSOR]
    assert [r.role for r in response.context["future_roles"]] == [Role.MENTOR]
    assert [r.role for r in response.context["past_roles"]] == [Role.COACH]
    content = response.content.decode()
    assert f"From: mentor from {(today + DAY):%-d %b %Y}" in content
    assert "Before: coach until" in content
    assert 'End<span class="visually-hidden"> the mentor role' not in content
