"""`mentor_rhythms` judges each mentor's rhythm in SQL: the same days past it as
`days_past_rhythm` gives for the same person, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.network.models import Role
from wayfinder.network.selectors import (
    active_mentors,
    added_on,
    days_past_rhythm,
    mentor_rhythms,
)
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
DEFAULT = 42


@pytest.mark.parametrize(
    ("cadence", "met_days_ago", "added_days_ago"),
    [
        (30, 30, 400),  # on the day: within
        (30, 31, 400),  # one day past
        (None, 43, 400),  # no cadence: the default
        (0, 10, 400),  # 0 reads as no cadence, as it always has
        (14, None, 0),  # never met, added today: not past
        (14, None, 20),  # never met: counted from the day added
        (7, 3, 400),
    ],
)
def test_each_mentor_is_as_far_past_their_rhythm_as_the_rule_says(
    owner, cadence, met_days_ago, added_days_ago
):
    added = dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC) - dt.timedelta(days=added_days_ago)
    person = PersonFactory(owner=owner, name="Ada", cadence_days=cadence, created_at=added)
    PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
    if met_days_ago is not None:
        InteractionFactory(
            owner=owner, occurred_on=TODAY - dt.timedelta(days=met_days_ago), people=[person]
        )
    (read,) = active_mentors(owner=owner, today=TODAY)
    expected = days_past_rhythm(
        last_met_on=read.last_interaction_on,
        added_on=added_on(read.created_at, owner=owner),
        every=read.cadence_days or DEFAULT,
        today=TODAY,
    )
    (rhythm,) = mentor_rhythms(owner=owner, today=TODAY, default_every=DEFAULT)
    assert (rhythm.name, rhythm.days_past) == ("Ada", expected)


def test_only_active_mentors_by_name(owner, outsider):
    for name in ("Zoe", "Ben"):
        PersonRoleFactory(
            owner=owner, person=PersonFactory(owner=owner, name=name), role=Role.MENTOR
        )
    archived = PersonFactory(owner=owner, name="Al", is_active=False)
    PersonRoleFactory(owner=owner, person=archived, role=Role.MENTOR)
    PersonFactory(owner=owner, name="Cy")  # no role
    theirs = PersonFactory(owner=outsider, name="Dee")
    PersonRoleFactory(owner=outsider, person=theirs, role=Role.MENTOR)
    names = [m.name for m in mentor_rhythms(owner=owner, today=TODAY, default_every=DEFAULT)]
    assert names == ["Ben", "Zoe"]
