"""The feed's days are the apps' own rules: on an item's day the rule says it is due, and
not the day before."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.calendars.models import FeedKind
from wayfinder.calendars.selectors import calendar_feed_of, calendar_items
from wayfinder.core.privacy import is_sealed
from wayfinder.core.tests.factories import TODAY
from wayfinder.experiments.selectors import experiment_check_ins_due
from wayfinder.network.selectors import people_past_cadence

pytestmark = pytest.mark.django_db


def _day(record, prefix: str) -> dt.date:
    feed = calendar_feed_of(owner=record.owner)
    items = calendar_items(owner=record.owner, feed=feed, today=TODAY)
    (item,) = [item for item in items if item.uid.startswith(prefix)]
    return item.start


def test_a_check_in_falls_on_the_day_experiment_check_ins_due_names_it(record):
    day = _day(record, "experiment-check-in-")
    assert record.experiment in experiment_check_ins_due(owner=record.owner, today=day)
    before = day - dt.timedelta(days=1)
    assert record.experiment not in experiment_check_ins_due(owner=record.owner, today=before)


def test_a_person_falls_due_on_the_day_people_past_cadence_names_them(record):
    day = _day(record, "person-due-")
    due = [row.person for row in people_past_cadence(owner=record.owner, today=day)]
    assert record.person in due
    before = people_past_cadence(owner=record.owner, today=day - dt.timedelta(days=1))
    assert record.person not in [row.person for row in before]


def test_a_check_in_after_the_time_box_is_left_to_the_verdict(record):
    record.experiment.ends_on = TODAY + dt.timedelta(days=5)
    record.experiment.save()
    feed = calendar_feed_of(owner=record.owner)
    uids = [item.uid for item in calendar_items(owner=record.owner, feed=feed, today=TODAY)]
    assert f"experiment-end-{record.experiment.pk}" in uids
    assert not [uid for uid in uids if uid.startswith("experiment-check-in-")]


def test_a_person_without_a_rhythm_is_not_in_the_feed(record):
    record.person.cadence_days = None
    record.person.save()
    feed = calendar_feed_of(owner=record.owner)
    items = calendar_items(owner=record.owner, feed=feed, today=TODAY)
    assert not [item for item in items if item.kind == FeedKind.PEOPLE]


def test_the_items_are_read_from_the_privacy_projection(record, monkeypatch):
    from wayfinder.calendars import selectors

    loaded = []
    real = selectors.conversation_item

    def spy(conversation, **kwargs):
        loaded.append(conversation)
        return real(conversation, **kwargs)

    monkeypatch.setattr(selectors, "conversation_item", spy)
    feed = calendar_feed_of(owner=record.owner)
    calendar_items(owner=record.owner, feed=feed, today=TODAY)
    assert loaded and all(is_sealed(c) and is_sealed(c.supervisor or c) for c in loaded)
    assert "private_notes" not in loaded[0].__dict__
