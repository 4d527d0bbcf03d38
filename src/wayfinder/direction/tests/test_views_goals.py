import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.direction.models import Goal, GoalStatus, Horizon
from wayfinder.direction.tests.factories import (
    AmbitionStatementFactory,
    CareerPathFactory,
    GoalFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_and_missing_horizons(signed_in, owner):
    content = signed_in.get(reverse("direction:goals")).content.decode()
    assert "Set goals on three horizons" in content
    GoalFactory(owner=owner, horizon=Horizon.SHORT)
    content = signed_in.get(reverse("direction:goals")).content.decode()
    assert "No active goal on the mid term (1-2 years), long term (3-5+ years) horizon" in content


def test_set_a_goal_tied_to_the_current_ambition(signed_in, owner):
    ambition = AmbitionStatementFactory(owner=owner, version=1)
    path = CareerPathFactory(owner=owner)
    target = dt.date.today() + dt.timedelta(days=200)
    response = signed_in.post(
        reverse("direction:goal-new"),
        {
            "title": "Run the 2027 planning cycle",
            "horizon": "mid",
            "success_measure": "Plan approved by the exec team",
            "target_date": target.isoformat(),
            "path": path.pk,
        },
    )
    goal = Goal.objects.for_owner(owner).get()
    assert response["Location"] == goal.get_absolute_url()
    assert goal.ambition == ambition
    assert goal.path == path


def test_a_past_target_date_is_refused_and_the_form_kept(signed_in, owner):
    response = signed_in.post(
        reverse("direction:goal-new"),
        {
            "title": "Speak at a conference",
            "horizon": "short",
            "success_measure": "A talk accepted",
            "target_date": "2001-01-01",
        },
    )
    content = response.content.decode()
    assert "already past" in content
    assert 'value="Speak at a conference"' in content
    assert not Goal.objects.for_owner(owner).exists()


def test_another_owners_path_cannot_be_chosen(signed_in, outsider):
    foreign = CareerPathFactory(owner=outsider)
    response = signed_in.post(
        reverse("direction:goal-new"),
        {"title": "X", "horizon": "short", "success_measure": "Y", "path": foreign.pk},
    )
    assert "Select a valid choice" in response.content.decode()


def test_filters_return_the_fragment_to_htmx(signed_in, owner):
    GoalFactory(owner=owner, title="Short one", horizon=Horizon.SHORT)
    GoalFactory(owner=owner, title="Long one", horizon=Horizon.LONG)
    response = signed_in.get(
        reverse("direction:goals"), {"horizon": "long"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="goal-list">')
    assert "Long one" in content
    assert "Short one" not in content


def test_status_change_inline_returns_the_row(signed_in, owner):
    goal = GoalFactory(owner=owner)
    response = signed_in.post(
        reverse("direction:goal-status", args=[goal.pk]),
        {"status": "achieved"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith(f'<li id="goal-{goal.pk}">')
    assert "achieved" in content
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert goal.achieved_on is not None


def test_status_change_without_htmx_redirects(signed_in, owner):
    goal = GoalFactory(owner=owner)
    response = signed_in.post(
        reverse("direction:goal-status", args=[goal.pk]), {"status": "paused"}
    )
    assert response["Location"] == goal.get_absolute_url()


@pytest.mark.parametrize("name", ["goal", "goal-edit", "goal-status", "goal-delete"])
def test_another_owners_goal_is_not_found(signed_in, outsider, name):
    goal = GoalFactory(owner=outsider)
    assert signed_in.post(reverse(f"direction:{name}", args=[goal.pk])).status_code == 404
    assert Goal.objects.filter(pk=goal.pk, status=GoalStatus.ACTIVE).exists()


def test_edit_and_delete(signed_in, owner):
    goal = GoalFactory(owner=owner, title="Old")
    signed_in.post(
        reverse("direction:goal-edit", args=[goal.pk]),
        {"title": "New", "horizon": "long", "success_measure": "Done"},
    )
    goal.refresh_from_db()
    assert (goal.title, goal.horizon) == ("New", "long")
    signed_in.post(reverse("direction:goal-delete", args=[goal.pk]))
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_list_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    GoalFactory.create_batch(2, owner=owner, path=CareerPathFactory(owner=owner))
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("direction:goals"))
    GoalFactory.create_batch(30, owner=owner, path=CareerPathFactory(owner=owner))
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("direction:goals"))
