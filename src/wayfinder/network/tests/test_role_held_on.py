"""The one rule for "a role held today": `PersonRole.objects.held_on(today)`."""

import datetime as dt

import pytest

from wayfinder.network.models import PersonRole, Role
from wayfinder.network.tests.factories import PersonRoleFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

# (case, started_on, ended_on as offsets in days from today or None, held today)
BOUNDARIES = [
    ("started today", 0, None, True),
    ("ends today", -30, 0, False),
    ("ended yesterday", -30, -1, False),
    ("starts tomorrow", 1, None, False),
    ("open-ended", -400, None, True),
    ("no start", None, None, True),
    ("no start, ends tomorrow", None, 1, True),
    ("no start, ended today", None, 0, False),
    ("started and ends today", 0, 0, False),
]


def _day(today: dt.date, offset: int | None) -> dt.date | None:
    return None if offset is None else today + offset * DAY


@pytest.mark.parametrize(
    ("case", "start", "end", "held"), BOUNDARIES, ids=[b[0] for b in BOUNDARIES]
)
def test_held_on_boundaries(owner, today, case, start, end, held):
    role = PersonRoleFactory(
        owner=owner, role=Role.MENTOR, started_on=_day(today, start), ended_on=_day(today, end)
    )
    assert PersonRole.objects.held_on(today).filter(pk=role.pk).exists() is held
    # The same rule for a row in hand, and through a person's related manager.
    assert role.is_held_on(today) is held
    assert role.person.roles.held_on(today).exists() is held


def test_held_on_is_the_day_passed_in_not_the_clock(owner, today):
    role = PersonRoleFactory(owner=owner, started_on=today + 10 * DAY, ended_on=today + 20 * DAY)
    assert [d for d in (9, 10, 19, 20) if role.is_held_on(today + d * DAY)] == [10, 19]
    held = [d for d in (9, 10, 19, 20) if PersonRole.objects.held_on(today + d * DAY).exists()]
    assert held == [10, 19]


def test_held_on_keeps_owner_scoping(owner, outsider, today):
    mine = PersonRoleFactory(owner=owner)
    PersonRoleFactory(owner=outsider)
    assert list(PersonRole.objects.for_owner(owner).held_on(today)) == [mine]
