"""One rule for "past its time box": running, and the box's last day is before today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.experiments.models import Experiment, ExperimentStatus
from wayfinder.experiments.selectors import (
    experiments_awaiting_verdict,
    experiments_not_started_on_time,
)
from wayfinder.experiments.tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "ends_in_days", "past"),
    [
        (ExperimentStatus.RUNNING, -1, True),
        (ExperimentStatus.RUNNING, 0, False),
        (ExperimentStatus.RUNNING, 1, False),
        (ExperimentStatus.DESIGNED, -1, False),
        (ExperimentStatus.CONCLUDED, -1, False),
    ],
)
def test_past_its_time_box_boundaries(owner, today, status, ends_in_days, past):
    verdict = "adopt" if status == ExperimentStatus.CONCLUDED else ""
    experiment = ExperimentFactory(
        owner=owner,
        status=status,
        verdict=verdict,
        starts_on=today - 30 * DAY,
        ends_on=today + ends_in_days * DAY,
    )
    found = Experiment.objects.for_owner(owner).past_time_box(today)
    assert (experiment in found) is past
    assert experiment.is_past_time_box_on(today) is past
    assert (experiment in experiments_awaiting_verdict(owner=owner, today=today)) is past


def test_a_designed_experiment_whose_start_passed_is_not_started_on_time(owner, today):
    late = ExperimentFactory(owner=owner, status="designed", starts_on=today - DAY)
    ExperimentFactory(owner=owner, status="designed", starts_on=today)
    ExperimentFactory(owner=owner, status="running", starts_on=today - 10 * DAY)
    assert list(experiments_not_started_on_time(owner=owner, today=today)) == [late]


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_the_pages_mark_only_a_running_experiment_past_its_box(signed_in, owner, today):
    over = ExperimentFactory(owner=owner, title="Over", ends_on=today - DAY)
    last_day = ExperimentFactory(owner=owner, title="Last day", ends_on=today)
    waiting = ExperimentFactory(
        owner=owner, title="Never started", status="designed", ends_on=today - DAY
    )
    listing = signed_in.get(reverse("experiments:experiments")).content.decode()
    items = {item.split("</a>")[0].split(">")[-1]: item for item in listing.split("<li>")[1:]}
    assert "Time box over: decide" in items["Over"]
    assert "Time box over" not in items["Last day"] + items["Never started"]
    assert "The time box ended on" in signed_in.get(over.get_absolute_url()).content.decode()
    for calm in (last_day, waiting):
        assert (
            "The time box ended on" not in signed_in.get(calm.get_absolute_url()).content.decode()
        )
