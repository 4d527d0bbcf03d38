import datetime as dt

import pytest

from wayfinder.network.models import Person
from wayfinder.network.selectors import contact_status, with_last_interaction
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _status(person, today):
    annotated = with_last_interaction(Person.objects.filter(pk=person.pk), today=today).get()
    return contact_status(person=annotated, today=today)


@pytest.mark.parametrize(("days_ago", "due"), [(30, False), (31, True)])
def test_due_only_past_the_cadence(owner, today, days_ago, due):
    person = PersonFactory(owner=owner, cadence_days=30)
    InteractionFactory(owner=owner, people=[person], occurred_on=today - dt.timedelta(days_ago))
    status = _status(person, today)
    assert (status.days_since, status.due) == (days_ago, due)


def test_never_met_is_due_only_with_a_cadence(owner, today):
    with_cadence = _status(PersonFactory(owner=owner, cadence_days=30), today)
    without = _status(PersonFactory(owner=owner, cadence_days=None), today)
    assert (with_cadence.last_interaction_on, with_cadence.due) == (None, True)
    assert (without.days_since, without.due) == (None, False)


def test_a_planned_meeting_after_today_does_not_count(owner, today):
    person = PersonFactory(owner=owner, cadence_days=30)
    InteractionFactory(owner=owner, people=[person], occurred_on=today + dt.timedelta(days=3))
    assert _status(person, today).due
