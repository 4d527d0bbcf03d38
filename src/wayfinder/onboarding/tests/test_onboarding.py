import pytest
from django.urls import reverse

from wayfinder.core.tests.factories import ProfileFactory
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
    assert response["Location"] == reverse("onboarding:ambition")
    manager = Person.objects.for_owner(newcomer).get()
    assert (manager.name, manager.relative_level) == ("Sam Reyes", 1)
    assert PersonRole.objects.for_owner(newcomer).get().role == Role.MANAGER

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
