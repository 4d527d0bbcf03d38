import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.network.selectors import cadence_due, people_past_cadence
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def added(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def _met(owner, person, on):
    InteractionFactory(owner=owner, people=[person], occurred_on=on)


@pytest.mark.parametrize(("days_ago", "due"), [(29, False), (30, False), (31, True)])
def test_cadence_boundary(owner, today, days_ago, due):
    person = PersonFactory(owner=owner, cadence_days=30)
    _met(owner, person, today - dt.timedelta(days=days_ago))
    found = people_past_cadence(owner=owner, today=today)
    assert [d.person for d in found] == ([person] if due else [])
    if due:
        assert found[0].days_overdue == 1
        assert found[0].last_interaction_on == today - dt.timedelta(days=31)


def test_measured_from_the_last_interaction_not_an_earlier_one(owner, today):
    person = PersonFactory(owner=owner, cadence_days=30)
    _met(owner, person, today - dt.timedelta(days=90))
    _met(owner, person, today - dt.timedelta(days=10))
    assert people_past_cadence(owner=owner, today=today) == []


def test_an_interaction_after_today_does_not_count(owner, today):
    person = PersonFactory(owner=owner, cadence_days=30)
    _met(owner, person, today - dt.timedelta(days=45))
    _met(owner, person, today + dt.timedelta(days=2))
    [due] = people_past_cadence(owner=owner, today=today)
    assert (due.person, due.days_overdue) == (person, 15)


def test_never_met_is_due_first_then_most_overdue(owner, outsider, today):
    never = PersonFactory(owner=owner, cadence_days=90, name="Never", created_at=added(91))
    a_bit = PersonFactory(owner=owner, cadence_days=30, name="A bit")
    a_lot = PersonFactory(owner=owner, cadence_days=14, name="A lot")
    _met(owner, a_bit, today - dt.timedelta(days=35))
    _met(owner, a_lot, today - dt.timedelta(days=60))
    PersonFactory(owner=owner, cadence_days=None)  # no cadence: never due
    PersonFactory(owner=owner, cadence_days=7, is_active=False)
    PersonFactory(owner=outsider, cadence_days=7)
    found = people_past_cadence(owner=owner, today=today)
    assert [(d.person, d.days_overdue) for d in found] == [(never, None), (a_lot, 46), (a_bit, 5)]


def test_an_interaction_with_someone_else_does_not_count(owner, today):
    person = PersonFactory(owner=owner, cadence_days=30, created_at=added(31))
    other = PersonFactory(owner=owner)
    _met(owner, other, today)
    assert [d.person for d in people_past_cadence(owner=owner, today=today)] == [person]


@pytest.mark.parametrize(("added_days_ago", "due"), [(0, False), (30, False), (31, True)])
def test_someone_never_met_is_due_a_rhythm_after_they_were_added(owner, today, added_days_ago, due):
    person = PersonFactory(owner=owner, cadence_days=30, created_at=added(added_days_ago))
    found = people_past_cadence(owner=owner, today=today)
    assert [(d.person, d.last_interaction_on) for d in found] == ([(person, None)] if due else [])


def test_past_cadence_is_two_queries_whatever_the_number(owner, today, django_assert_num_queries):
    for i in range(3):
        _met(owner, PersonFactory(owner=owner, cadence_days=7), today - dt.timedelta(days=20 + i))
    with django_assert_num_queries(2):
        assert len(people_past_cadence(owner=owner, today=today)) == 3
    for i in range(20):
        _met(owner, PersonFactory(owner=owner, cadence_days=7), today - dt.timedelta(days=20 + i))
    with django_assert_num_queries(2):
        assert len(people_past_cadence(owner=owner, today=today)) == 23
    total, shown = cadence_due(owner=owner, today=today, limit=5)
    assert (total, len(shown)) == (23, 5)
