"""The network's reads for the week and the dashboard say what the rules say, in as few
queries as they can: the people past their rhythm ranked in the database agree with the
rhythm's Python form, person by person, and the coverage counts each person once."""

import datetime as dt

import pytest

from wayfinder.network.models import Role
from wayfinder.network.selectors import (
    added_on,
    cadence_due,
    days_past_rhythm,
    network_coverage,
)
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _added(today: dt.date, days_ago: int) -> dt.datetime:
    return dt.datetime.combine(today - days_ago * DAY, dt.time(12), tzinfo=dt.UTC)


def _expected(owner, today, people, met):
    """The people past their rhythm as the rule's Python form ranks them: never met first
    by name, then the most overdue, ties by name."""
    rows = []
    for person in people:
        if not person.is_active or person.cadence_days is None:
            continue
        last = max((on for on in met.get(person.pk, []) if on <= today), default=None)
        late = days_past_rhythm(
            last_met_on=last,
            added_on=added_on(person.created_at, owner=owner),
            every=person.cadence_days,
            today=today,
        )
        if late > 0:
            rows.append((person, last, late if last is not None else None))
    rows.sort(key=lambda r: (r[1] is not None, -(r[2] or 0), r[0].name, r[0].pk))
    return rows


@pytest.fixture
def network(owner, today):
    """People of every kind: never met (added long ago or lately), met on and off their
    rhythm, met only after today, archived, without a rhythm, ties in days and names."""
    people, met = [], {}

    def person(name, cadence, added_days_ago, meetings=(), **extra):
        found = PersonFactory(
            owner=owner,
            name=name,
            cadence_days=cadence,
            created_at=_added(today, added_days_ago),
            **extra,
        )
        for days_ago in meetings:
            InteractionFactory(owner=owner, people=[found], occurred_on=today - days_ago * DAY)
            met.setdefault(found.pk, []).append(today - days_ago * DAY)
        people.append(found)

    person("Zed Never", 30, 90)
    person("Amy Never", 7, 8)
    person("New Never", 30, 3)
    person("Bo Late", 30, 400, [200, 45])
    person("Cy Late", 14, 400, [45])  # 31 past, as Di
    person("Di Late", 30, 400, [61])  # 31 past, as Cy
    person("Ed OnTime", 30, 400, [30])
    person("Flo Boundary", 30, 400, [31])
    person("Gus Future", 30, 400, [-5, 50])  # the meeting after today does not count
    person("Hal Archived", 7, 400, [100], is_active=False)
    person("Ivy NoRhythm", None, 400, [300])
    return people, met


@pytest.mark.parametrize("days_later", [0, 20, 400])
def test_past_their_rhythm_ranked_as_the_python_rule_ranks(owner, today, network, days_later):
    people, met = network
    on = today + days_later * DAY
    expected = _expected(owner, on, people, met)
    total, shown = cadence_due(owner=owner, today=on)
    assert total == len(expected)
    assert [(d.person, d.last_interaction_on, d.days_overdue) for d in shown] == expected
    total, first = cadence_due(owner=owner, today=on, limit=3)
    assert (total, first) == (len(expected), shown[:3])


def test_past_their_rhythm_is_two_queries(owner, today, network, django_assert_num_queries):
    with django_assert_num_queries(2):
        total, shown = cadence_due(owner=owner, today=today, limit=5)
    assert total > 5 and len(shown) == 5
    with django_assert_num_queries(2):
        assert cadence_due(owner=owner, today=today - 1000 * DAY, limit=5) == (0, [])


def test_coverage_counts_people_by_the_roles_held_that_day(owner, today, django_assert_num_queries):
    owner.function = "Sales"
    owner.save()
    both = PersonFactory(owner=owner, function="Sales", relative_level=1)
    PersonRoleFactory(owner=owner, person=both, role=Role.MENTOR)
    PersonRoleFactory(owner=owner, person=both, role=Role.SPONSOR, ended_on=today)
    ended = PersonFactory(owner=owner, function="sales", relative_level=1)
    PersonRoleFactory(owner=owner, person=ended, role=Role.MENTOR, ended_on=today - DAY)
    PersonRoleFactory(owner=owner, person=ended, role=Role.SPONSOR, started_on=today)
    later = PersonFactory(owner=owner, function="Finance", relative_level=2)
    PersonRoleFactory(owner=owner, person=later, role=Role.SPONSOR, started_on=today + DAY)
    PersonFactory(owner=owner, function="Finance", relative_level=2, is_active=False)
    PersonFactory(owner=owner, function="Finance", relative_level=None)
    with django_assert_num_queries(1):
        cells = network_coverage(owner=owner, today=today)
    found = {(c.level, c.function.casefold()): (c.people, c.mentors, c.sponsors) for c in cells}
    assert found == {(1, "sales"): (2, 1, 1), (2, "finance"): (1, 0, 0)}
    later_on = {
        (c.level, c.function.casefold()): (c.people, c.mentors, c.sponsors)
        for c in network_coverage(owner=owner, today=today + DAY)
    }
    assert later_on == {(1, "sales"): (2, 1, 1), (2, "finance"): (1, 0, 1)}
