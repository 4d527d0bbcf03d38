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


# The rhythm rule has two forms, one definition: the Python function judges one person in
# hand, the SQL expression a whole network in the database. They must agree on every case.
D = dt.date
RHYTHM_CASES = [
    # (last met, added, every, today)
    (D(2026, 3, 1), D(2025, 1, 1), 30, D(2026, 3, 31)),  # exactly a rhythm ago: 0
    (D(2026, 3, 1), D(2025, 1, 1), 30, D(2026, 4, 1)),  # a day past: 1
    (D(2026, 3, 20), D(2025, 1, 1), 30, D(2026, 3, 31)),  # well within: negative
    (None, D(2026, 3, 31), 30, D(2026, 3, 31)),  # never met, added today: within
    (None, D(2026, 1, 1), 14, D(2026, 3, 31)),  # never met, added long ago
    (D(2024, 2, 28), D(2020, 1, 1), 7, D(2024, 3, 1)),  # over a leap day
    (D(2023, 12, 31), D(2020, 1, 1), 1, D(2024, 1, 1)),  # over a new year
    (D(2016, 12, 3), D(2016, 1, 1), 365, D(2026, 12, 1)),  # ten years on
    (D(2026, 4, 5), D(2026, 1, 1), 30, D(2026, 4, 1)),  # met after the day asked
]


@pytest.mark.parametrize(("last", "added_day", "every", "on"), RHYTHM_CASES)
def test_the_rhythm_rule_in_sql_agrees_with_python(owner, last, added_day, every, on):
    from django.db.models import DateField, IntegerField, Value

    from wayfinder.network.models import Person
    from wayfinder.network.selectors import days_past_rhythm, days_past_rhythm_sql

    person = PersonFactory(owner=owner)
    in_sql = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            days=days_past_rhythm_sql(
                last_met_on=Value(last, output_field=DateField()),
                added_on=Value(added_day, output_field=DateField()),
                every=Value(every, output_field=IntegerField()),
                today=on,
            )
        )
        .values_list("days", flat=True)
        .get()
    )
    assert in_sql == days_past_rhythm(last_met_on=last, added_on=added_day, every=every, today=on)


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles", "Nowhere/Else"])
@pytest.mark.parametrize("hour", [0, 11, 12, 23])
def test_the_day_added_in_sql_agrees_with_python(owner, zone, hour):
    """Near midnight the owner's day differs from UTC's; an unknown zone reads as UTC."""
    from wayfinder.network.models import Person
    from wayfinder.network.selectors import added_on, added_on_sql

    owner.time_zone = zone
    owner.save(update_fields=["time_zone"])
    created = dt.datetime(2026, 3, 31, hour, 30, tzinfo=dt.UTC)
    person = PersonFactory(owner=owner, created_at=created)
    person.refresh_from_db()
    in_sql = (
        Person.objects.filter(pk=person.pk)
        .annotate(day=added_on_sql(owner=owner))
        .values_list("day", flat=True)
        .get()
    )
    assert in_sql == added_on(person.created_at, owner=owner)


def test_the_week_ranks_as_the_python_rule_does(owner, today):
    """Many people, met at many distances, with many rhythms: the database's count and
    order are the ones the Python rule gives, person by person."""
    from wayfinder.network.selectors import added_on, days_past_rhythm

    people = []
    for i in range(24):
        person = PersonFactory(
            owner=owner, cadence_days=(7, 14, 30, 90)[i % 4], created_at=added(i * 9)
        )
        if i % 5:
            _met(owner, person, today - dt.timedelta(days=i * 7 % 100))
        people.append(person)
    total, shown = cadence_due(owner=owner, today=today, limit=None)
    expected = []
    for person in sorted(people, key=lambda p: (p.name, p.pk)):
        last = max(
            (i.occurred_on for i in person.interactions.all() if i.occurred_on <= today),
            default=None,
        )
        late = days_past_rhythm(
            last_met_on=last,
            added_on=added_on(person.created_at, owner=owner),
            every=person.cadence_days,
            today=today,
        )
        if late > 0:
            expected.append((person, last, late if last is not None else None))
    expected.sort(key=lambda row: (row[2] is not None, -(row[2] or 0)))
    assert total == len(expected) > 5
    assert [(d.person, d.last_interaction_on, d.days_overdue) for d in shown] == expected
