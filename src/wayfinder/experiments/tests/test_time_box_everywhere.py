"""Every surface counts the same experiments past their time box: the agenda, this week,
the guidance indicator and the experiments pages all read `past_time_box`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.conversations.agenda import agenda_draft
from wayfinder.core.thresholds import Thresholds
from wayfinder.experiments.models import Experiment, ExperimentStatus
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.guidance import indicators
from wayfinder.guidance.selectors import this_week

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def record(owner, today):
    ExperimentFactory(owner=owner, title="Over", ends_on=today - DAY)
    ExperimentFactory(
        owner=owner, title="Long over", starts_on=today - 90 * DAY, ends_on=today - 30 * DAY
    )
    ExperimentFactory(owner=owner, title="Last day", ends_on=today)
    ExperimentFactory(
        owner=owner,
        title="Never started",
        status=ExperimentStatus.DESIGNED,
        starts_on=today - 20 * DAY,
        ends_on=today - DAY,
    )
    return {"Over", "Long over"}


def test_every_surface_agrees_on_past_its_time_box(client, owner, today, record):
    assert {e.title for e in Experiment.objects.for_owner(owner).past_time_box(today)} == record

    blockers = agenda_draft(owner=owner, today=today).blockers
    prefix = "Experiment past its time box: "
    assert {
        b[len(prefix) :].split(" (ended")[0] for b in blockers if b.startswith(prefix)
    } == record

    week = this_week(owner=owner, today=today, limits=Thresholds())
    assert {item.title for item in week if item.detail.startswith("time box over")} == record

    indicator = indicators.experiments(owner, today, Thresholds())
    assert indicator.facts["past_time_box"] == len(record)

    client.force_login(owner.user)
    listing = client.get(reverse("experiments:experiments")).content.decode()
    items = {i.split("</a>")[0].split(">")[-1]: i for i in listing.split("<li>")[1:]}
    assert {title for title, item in items.items() if "Time box over" in item} == record


def test_the_indicator_asks_for_a_verdict_when_every_running_one_is_over(owner, today):
    ExperimentFactory(owner=owner, title="Over", ends_on=today - DAY)
    indicator = indicators.experiments(owner, today, Thresholds())
    assert indicator.state == indicators.ATTENTION
    assert indicator.why == "1 experiment past its time box: adopt, adapt or abandon."
    ExperimentFactory(owner=owner, title="In its box", ends_on=today + 10 * DAY)
    indicator = indicators.experiments(owner, today, Thresholds())
    assert indicator.state == indicators.HEALTHY
    assert indicator.why.endswith("1 past its time box: time for a verdict.")
