"""Adapt designs the next experiment, linked; a long box or an early verdict asks first;
messages show dates as the pages do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.direction.tests.factories import CareerPathFactory, GoalFactory
from wayfinder.experiments.models import Experiment
from wayfinder.experiments.services import ExperimentError, experiment_design
from wayfinder.experiments.tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def _design(today, **extra):
    return {
        "title": "Lead the cohort",
        "hypothesis": "I'd enjoy it",
        "starts_on": today,
        "ends_on": today + 30 * DAY,
        **extra,
    }


def test_concluding_with_adapt_offers_the_adapted_design_prefilled(signed_in, owner, today):
    goal, path = GoalFactory(owner=owner), CareerPathFactory(owner=owner)
    first = ExperimentFactory(
        owner=owner,
        title="Mentor two juniors",
        signals="Energy after sessions",
        goal=goal,
        path=path,
        starts_on=today - 40 * DAY,
        ends_on=today - 2 * DAY,
    )
    response = signed_in.post(
        reverse("experiments:experiment-conclude", args=[first.pk]), {"verdict": "adapt"}
    )
    adapt_url = reverse("experiments:experiment-adapt", args=[first.pk])
    assert response.url == adapt_url
    page = signed_in.get(adapt_url).content.decode()
    assert "Design the adapted experiment" in page
    assert 'value="Mentor two juniors (adapted)"' in page
    assert "Energy after sessions" in page
    assert f'value="{today.isoformat()}"' in page
    assert f'value="{(today + 38 * DAY).isoformat()}"' in page

    response = signed_in.post(adapt_url, _design(today, goal=goal.pk, path=path.pk))
    adapted = Experiment.objects.for_owner(owner).get(title="Lead the cohort")
    assert response.url == adapted.get_absolute_url()
    assert adapted.adapted_from == first
    assert (adapted.goal, adapted.path) == (goal, path)
    detail = signed_in.get(adapted.get_absolute_url()).content.decode()
    assert "Adapts" in detail and first.get_absolute_url() in detail
    original = signed_in.get(first.get_absolute_url()).content.decode()
    assert "Adapted into" in original and adapted.get_absolute_url() in original


@pytest.mark.parametrize("verdict", ["adopt", "abandon"])
def test_only_an_adapt_verdict_is_adapted(signed_in, owner, today, verdict):
    done = ExperimentFactory(owner=owner, status="concluded", verdict=verdict, decided_on=today)
    url = reverse("experiments:experiment-adapt", args=[done.pk])
    assert signed_in.post(url, _design(today)).url == done.get_absolute_url()
    assert not Experiment.objects.filter(adapted_from=done).exists()
    with pytest.raises(ExperimentError, match="not concluded with the verdict adapt"):
        experiment_design(owner=owner, adapted_from=done, **_design(today))


def test_another_owners_experiment_cannot_be_adapted_by_the_service(owner, outsider, today):
    theirs = ExperimentFactory(
        owner=outsider, status="concluded", verdict="adapt", decided_on=today
    )
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_design(owner=owner, adapted_from=theirs, **_design(today))


def test_a_time_box_over_a_year_asks_to_confirm(signed_in, owner, today):
    url = reverse("experiments:experiment-new")
    page = signed_in.get(url).content.decode()
    assert 'type="checkbox" name="confirm_long"' not in page
    long = _design(today, ends_on=today + 366 * DAY)
    response = signed_in.post(url, long)
    content = response.content.decode()
    assert response.status_code == 200
    assert "This time box runs 366 days, over a year" in content
    assert 'type="checkbox" name="confirm_long"' in content
    assert not Experiment.objects.exists()
    signed_in.post(url, long | {"confirm_long": "on"})
    assert Experiment.objects.for_owner(owner).get().ends_on == today + 366 * DAY


def test_a_year_exactly_needs_no_confirmation(signed_in, owner, today):
    signed_in.post(reverse("experiments:experiment-new"), _design(today, ends_on=today + 365 * DAY))
    assert Experiment.objects.for_owner(owner).count() == 1


def test_editing_into_a_long_box_asks_too(signed_in, owner, today):
    experiment = ExperimentFactory(owner=owner, starts_on=today, ends_on=today + 10 * DAY)
    url = reverse("experiments:experiment-edit", args=[experiment.pk])
    content = signed_in.post(url, _design(today, ends_on=today + 400 * DAY)).content.decode()
    assert 'type="checkbox" name="confirm_long"' in content
    experiment.refresh_from_db()
    assert experiment.ends_on == today + 10 * DAY


@pytest.mark.parametrize(("days_left", "asks"), [(8, True), (7, False), (-3, False)])
def test_concluding_well_before_the_box_ends_asks_to_confirm(
    signed_in, owner, today, days_left, asks
):
    experiment = ExperimentFactory(owner=owner, ends_on=today + days_left * DAY)
    url = reverse("experiments:experiment-conclude", args=[experiment.pk])
    assert 'type="checkbox" name="confirm_early"' not in signed_in.get(url).content.decode()
    response = signed_in.post(url, {"verdict": "abandon"})
    experiment.refresh_from_db()
    if asks:
        content = response.content.decode()
        ends = experiment.ends_on
        assert f"Its time box runs to {ends.day} {ends:%b %Y}, {days_left} more days" in content
        assert 'type="checkbox" name="confirm_early"' in content
        assert experiment.is_running
        signed_in.post(url, {"verdict": "abandon", "confirm_early": "on"})
        experiment.refresh_from_db()
    assert experiment.is_concluded and experiment.is_abandoned


def test_refusals_show_dates_as_the_pages_do(signed_in, owner, today):
    experiment = ExperimentFactory(
        owner=owner, status="designed", starts_on=today - 60 * DAY, ends_on=today - 20 * DAY
    )
    response = signed_in.post(
        reverse("experiments:experiment-start", args=[experiment.pk]), follow=True
    )
    content = response.content.decode()
    assert "Its time box ended on 3 Nov 2026" in content
    assert "2026-11-03" not in content


def test_adapting_a_box_too_long_for_the_calendar_offers_the_default_box(signed_in, owner, today):
    endless = ExperimentFactory(
        owner=owner,
        status="concluded",
        verdict="adapt",
        decided_on=today,
        starts_on=dt.date(1, 1, 1),
        ends_on=dt.date(9999, 12, 31),
    )
    page = signed_in.get(reverse("experiments:experiment-adapt", args=[endless.pk]))
    assert page.status_code == 200
    assert f'value="{(today + 8 * 7 * DAY).isoformat()}"' in page.content.decode()
