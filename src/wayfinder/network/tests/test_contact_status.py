import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.network.models import Person
from wayfinder.network.selectors import contact_status, with_last_interaction
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _status(person, today):
    annotated = with_last_interaction(Person.objects.filter(pk=person.pk), today=today).get()
    return contact_status(owner=person.owner, person=annotated, today=today)


def added(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


@pytest.mark.parametrize(("days_ago", "due"), [(30, False), (31, True)])
def test_due_only_past_the_cadence(owner, today, days_ago, due):
    person = PersonFactory(owner=owner, cadence_days=30)
    InteractionFactory(owner=owner, people=[person], occurred_on=today - dt.timedelta(days_ago))
    status = _status(person, today)
    assert (status.days_since, status.due) == (days_ago, due)


def test_never_met_is_due_only_with_a_cadence(owner, today):
    with_cadence = _status(PersonFactory(owner=owner, cadence_days=30, created_at=added(31)), today)
    without = _status(PersonFactory(owner=owner, cadence_days=None), today)
    assert (with_cadence.last_interaction_on, with_cadence.due) == (None, True)
    assert (without.days_since, without.due) == (None, False)


@pytest.mark.parametrize(("added_days_ago", "due"), [(0, False), (30, False), (31, True)])
def test_someone_never_met_is_due_a_cadence_after_they_were_added(
    owner, today, added_days_ago, due
):
    person = PersonFactory(owner=owner, cadence_days=30, created_at=added(added_days_ago))
    assert _status(person, today).due is due


def test_a_planned_meeting_after_today_does_not_count(owner, today):
    person = PersonFactory(owner=owner, cadence_days=30, created_at=added(40))
    InteractionFactory(owner=owner, people=[person], occurred_on=today + dt.timedelta(days=3))
    assert _status(person, today).due
