"""Who could you approach is read only by a verdict that shows it: a mentors or sponsor
indicator with nothing to nudge reads no network for candidates, and says the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wayfinder.core.models import Seniority
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, MISSING, mentors, sponsor
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
CANDIDATES_READ = 'AS "mentor_now"'  # the candidates' network read alone asks it


def _reads_candidates(indicator, owner) -> tuple[object, bool]:
    with CaptureQueriesContext(connection) as read:
        said = indicator(owner, TODAY, DEFAULTS)
    return said, any(CANDIDATES_READ in q["sql"] for q in read.captured_queries)


@pytest.fixture
def leaders(owner):
    return [
        PersonFactory(owner=owner, relative_level=2, influence=Influence.HIGH, function="Finance")
        for _ in range(3)
    ]


def _two_mentors_last_met(owner, leaders, days_ago: int) -> None:
    for person in leaders[:2]:
        PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
        InteractionFactory(
            owner=owner, occurred_on=TODAY - dt.timedelta(days=days_ago), people=[person]
        )


def test_mentors_met_within_their_rhythm_read_no_candidates(owner, leaders):
    _two_mentors_last_met(owner, leaders, days_ago=5)
    said, read = _reads_candidates(mentors, owner)
    assert (said.state, said.approach, read) == (HEALTHY, (), False)


def test_an_overdue_mentor_reads_no_candidates_either(owner, leaders):
    _two_mentors_last_met(owner, leaders, days_ago=200)
    said, read = _reads_candidates(mentors, owner)
    assert (said.state, said.approach, read) == (ATTENTION, (), False)
    assert "within your usual rhythm" in said.why


def test_no_mentor_reads_and_shows_the_candidates(owner, leaders):
    said, read = _reads_candidates(mentors, owner)
    assert said.state == MISSING
    assert read


def test_a_sponsor_not_yet_expected_reads_no_candidates(owner, leaders):
    owner.seniority = Seniority.MID
    owner.save()
    said, read = _reads_candidates(sponsor, owner)
    assert (said.state, said.approach, read) == (HEALTHY, (), False)


def test_a_missing_sponsor_where_one_is_expected_reads_and_shows_the_candidates(owner, leaders):
    owner.seniority = Seniority.MANAGER
    owner.save()
    said, read = _reads_candidates(sponsor, owner)
    assert said.state == MISSING
    assert read
    assert said.approach
