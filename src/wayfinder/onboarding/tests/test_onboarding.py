import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.core.models import Position
from wayfinder.core.tests.factories import TODAY, PositionFactory, ProfileFactory
from wayfinder.direction.models import AmbitionStatement, Goal
from wayfinder.network.models import Person, PersonRole, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client):
    profile = ProfileFactory(onboarded_at=None, current_title="", display_name="")
    client.force_login(profile.user)
    return profile


ROLE = {
    "display_name": "Dana Okafor",
    "current_title": "Director of Marketing",
    "level": "D1",
    "seniority": "director",
    "function": "Marketing",
    "organisation": "Northwind",
    "time_zone": "Europe/London",
    "manager_name": "Sam Reyes",
    "manager_title": "CMO",
}


def test_first_visit_goes_to_setup(client, newcomer):
    response = client.get("/")
    assert response["Location"] == reverse("onboarding:role")


def test_the_whole_guided_setup(client, newcomer):
    response = client.post(reverse("onboarding:role"), ROLE)
    assert response["Location"] == reverse("onboarding:history")
    manager = Person.objects.for_owner(newcomer).get()
    assert (manager.name, manager.relative_level) == ("Sam Reyes", 1)
    assert PersonRole.objects.for_owner(newcomer).get().role == Role.MANAGER

    response = client.post(reverse("onboarding:history"), _earlier_roles())
    assert response["Location"] == reverse("onboarding:ambition")

    response = client.post(
        reverse("onboarding:ambition"),
        {"problems": "Why customers churn", "more_of": "Coaching", "less_of": "Reporting"},
    )
    assert response["Location"] == reverse("onboarding:goals")
    assert AmbitionStatement.objects.for_owner(newcomer).count() == 1

    response = client.post(
        reverse("onboarding:goals"),
        {
            "short-title": "Ship the pricing test",
            "short-success_measure": "Test live with 10% of traffic",
            "mid-title": "Run growth marketing",
            "long-title": "",
        },
    )
    assert response["Location"] == reverse("home")
    assert sorted(Goal.objects.for_owner(newcomer).values_list("horizon", flat=True)) == [
        "mid",
        "short",
    ]
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is not None
    home = client.get("/")
    assert home.status_code == 200
    assert "You are set up" in home.content.decode()


def test_role_step_needs_a_title_and_keeps_what_was_typed(client, newcomer):
    response = client.post(reverse("onboarding:role"), {**ROLE, "current_title": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content
    assert 'value="Sam Reyes"' in content
    assert not Person.objects.for_owner(newcomer).exists()


def test_a_goal_without_a_title_is_refused_and_nothing_is_written(client, newcomer):
    response = client.post(
        reverse("onboarding:goals"),
        {"short-title": "Ship it", "mid-success_measure": "Something"},
    )
    assert "Name the goal, or clear this horizon to skip it." in response.content.decode()
    assert not Goal.objects.for_owner(newcomer).exists()


def test_skip_then_resume_where_it_was_left(client, newcomer):
    client.post(reverse("onboarding:role"), ROLE)
    response = client.post(reverse("onboarding:skip"))
    assert response["Location"] == reverse("home")
    home = client.get("/")
    assert home.status_code == 200
    content = home.content.decode()
    assert "Finish setting up" in content
    assert reverse("onboarding:ambition") in content


def test_skipping_the_ambition_step_writes_nothing(client, newcomer):
    client.post(reverse("onboarding:role"), ROLE)
    response = client.post(reverse("onboarding:ambition"), {})
    assert response["Location"] == reverse("onboarding:goals")
    assert not AmbitionStatement.objects.for_owner(newcomer).exists()


def test_finishing_without_goals(client, newcomer):
    response = client.post(reverse("onboarding:done"))
    assert response["Location"] == reverse("home")
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is not None
    assert client.get(reverse("onboarding:done")).status_code == 405


def test_manager_is_not_added_twice(client, newcomer):
    client.post(reverse("onboarding:role"), ROLE)
    client.post(reverse("onboarding:role"), ROLE)
    assert Person.objects.for_owner(newcomer).count() == 1


def _earlier_roles(*rows: dict) -> dict:
    data = {
        "roles-TOTAL_FORMS": "3",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "3",
    }
    for n, row in enumerate(rows):
        data |= {f"roles-{n}-{key}": value for key, value in row.items()}
    return data


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=False):
        yield TODAY


def test_the_role_step_puts_the_current_role_in_the_history_once(client, newcomer, frozen):
    response = client.post(reverse("onboarding:role"), {**ROLE, "started_on": "2024-01-08"})
    assert response["Location"] == reverse("onboarding:history")
    role = Position.objects.for_owner(newcomer).get()
    assert (role.title, role.organisation, role.started_on, role.ended_on) == (
        "Director of Marketing",
        "Northwind",
        dt.date(2024, 1, 8),
        None,
    )
    # Back to the step: the date shows, and a second save moves it rather than adding one.
    assert 'value="2024-01-08"' in client.get(reverse("onboarding:role")).content.decode()
    client.post(reverse("onboarding:role"), {**ROLE, "started_on": "2023-12-01"})
    assert Position.objects.for_owner(newcomer).get().started_on == dt.date(2023, 12, 1)


def test_a_start_date_ahead_is_refused_and_nothing_is_saved(client, newcomer, frozen):
    response = client.post(reverse("onboarding:role"), {**ROLE, "started_on": "2027-01-04"})
    assert response.status_code == 200
    assert "after today" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.current_title == ""
    assert not Position.objects.for_owner(newcomer).exists()
    assert not Person.objects.for_owner(newcomer).exists()


def test_earlier_roles_are_added_and_empty_rows_skipped(client, newcomer, frozen):
    response = client.post(
        reverse("onboarding:history"),
        _earlier_roles(
            {
                "title": "Marketing Manager",
                "organisation": "Contoso",
                "started_on": "2019-04-01",
                "ended_on": "2023-12-31",
            },
            {"title": "", "organisation": "", "started_on": "", "ended_on": ""},
            {"title": "Analyst", "organisation": "Fabrikam", "started_on": "2016-09-05"},
        ),
    )
    assert response["Location"] == reverse("onboarding:ambition")
    roles = Position.objects.for_owner(newcomer)
    assert [(r.title, r.ended_on) for r in roles] == [
        ("Analyst", None),
        ("Marketing Manager", dt.date(2023, 12, 31)),
    ]


def test_an_earlier_role_ending_before_it_starts_writes_none_of_the_rows(client, newcomer, frozen):
    response = client.post(
        reverse("onboarding:history"),
        _earlier_roles(
            {"title": "Manager", "started_on": "2019-04-01", "ended_on": "2020-01-01"},
            {"title": "Lead", "started_on": "2021-04-01", "ended_on": "2020-01-01"},
        ),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The end date is before the start date." in content
    assert 'value="Manager"' in content  # what was typed is kept
    assert not Position.objects.for_owner(newcomer).exists()


def test_a_row_refused_by_the_service_names_itself_and_writes_nothing(client, newcomer, frozen):
    response = client.post(
        reverse("onboarding:history"),
        _earlier_roles(
            {"title": "Manager", "started_on": "2019-04-01", "ended_on": "2020-01-01"},
            {"title": "Lead", "started_on": "2027-04-01"},
        ),
    )
    assert response.status_code == 200
    assert "after today" in response.content.decode()
    assert not Position.objects.for_owner(newcomer).exists()


def test_the_history_step_skips_when_empty_and_lists_roles_already_there(client, newcomer, frozen):
    PositionFactory(owner=newcomer, title="Head of Growth", organisation="Northwind")
    page = client.get(reverse("onboarding:history")).content.decode()
    assert "Head of Growth, Northwind" in page
    assert "Earlier role 3" in page
    response = client.post(reverse("onboarding:history"), _earlier_roles())
    assert response["Location"] == reverse("onboarding:ambition")
    assert Position.objects.for_owner(newcomer).count() == 1


def test_a_history_post_without_its_management_form_is_a_message(client, newcomer):
    response = client.post(reverse("onboarding:history"), {"roles-0-title": "Lead"})
    assert response.status_code == 200
    assert "ManagementForm data is missing" in response.content.decode()
    assert not Position.objects.for_owner(newcomer).exists()
