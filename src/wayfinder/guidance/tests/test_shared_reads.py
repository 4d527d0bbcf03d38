"""`assess` reads once what several indicators share (`Reads`): the network the mentor and
sponsor candidates choose from, and the visibility matrix, whose ledger read also ranks the
sponsor candidates. Each indicator says the same alone as in the assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wayfinder.core.models import Seniority
from wayfinder.core.tests.factories import SkillFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance import indicators
from wayfinder.guidance.indicators import assess
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.selectors import top_wins_known, visibility_matrix
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
SHARED = ("mentors", "sponsor", "visibility")


@pytest.fixture
def network(owner):
    owner.seniority = Seniority.SENIOR_IC
    owner.save()
    action = DevelopmentActionFactory(owner=owner, title="Learn pricing")
    action.skills.set([SkillFactory(owner=owner, name="Pricing")])
    people = [
        PersonFactory(
            owner=owner,
            name=f"Leader {n}",
            title="Head of Pricing" if n % 2 else "Director",
            function="Finance",
            relative_level=n % 4,
            influence=[Influence.HIGH, Influence.MEDIUM, Influence.LOW][n % 3],
        )
        for n in range(12)
    ]
    PersonRoleFactory(owner=owner, person=people[5], role=Role.MENTOR)
    for n in range(6):
        win = WinFactory(owner=owner, occurred_on=TODAY - dt.timedelta(days=10 * n + 1))
        ImpactMetricFactory(owner=owner, win=win)
        for person in people[n : n + 4]:
            WinAudienceFactory(owner=owner, win=win, person=person, told_on=TODAY)
    return people


def _said(indicator):
    return (
        indicator.state,
        indicator.why,
        indicator.facts,
        [(c.person, c.score, c.reason) for c in indicator.approach],
    )


def test_each_shared_indicator_says_alone_what_it_says_in_the_assessment(owner, network):
    together = {i.key: i for i in assess(owner=owner, today=TODAY, limits=DEFAULTS)}
    for key in SHARED:
        alone = getattr(indicators, key)(owner, TODAY, DEFAULTS)
        assert _said(alone) == _said(together[key]), key
    assert together["sponsor"].approach or together["mentors"].approach


def test_the_matrix_counts_the_top_wins_each_person_knows_as_the_sponsor_rule_does(owner, network):
    months, limit = DEFAULTS.visibility_months, DEFAULTS.visibility_top_wins
    matrix = visibility_matrix(owner=owner, today=TODAY, months=months, limit=limit)
    known = top_wins_known(owner=owner, today=TODAY, months=months, limit=limit)
    assert matrix.known.top == known.top == 5
    assert dict(matrix.known.by_person) == dict(known.by_person) != {}


def test_the_assessment_reads_the_network_and_the_top_wins_once(owner, network):
    with CaptureQueriesContext(connection) as read:
        assess(owner=owner, today=TODAY, limits=DEFAULTS)
    sql = [q["sql"] for q in read.captured_queries]
    # The candidates' network (it alone asks who mentors now) and the top-wins ranking.
    assert sum('AS "mentor_now"' in s for s in sql) == 1
    ranked = [s for s in sql if s.startswith('SELECT "wins_win"') and "wins_impactmetric" in s]
    assert len(ranked) == 1, ranked


def test_a_report_runs_no_query_twice(owner, network):
    """The indicators and the week's list share what both read (guidance/reads.py): the
    overdue actions, the last conversation, the last review, the experiments past their
    time box. Every statement of the report, with its parameters, runs once."""
    from wayfinder.conversations.models import ConversationStatus
    from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
    from wayfinder.experiments.tests.factories import ExperimentFactory
    from wayfinder.guidance.report import report_for
    from wayfinder.reflection.tests.factories import ReviewFactory

    for n in range(7):
        DevelopmentActionFactory(owner=owner, due_on=TODAY - dt.timedelta(days=n + 1))
    DevelopmentConversationFactory(
        owner=owner, held_on=TODAY - dt.timedelta(days=200), status=ConversationStatus.HELD
    )
    ReviewFactory(owner=owner, held_on=TODAY - dt.timedelta(days=120))
    ExperimentFactory(
        owner=owner,
        starts_on=TODAY - dt.timedelta(days=60),
        ends_on=TODAY - dt.timedelta(days=2),
    )
    with CaptureQueriesContext(connection) as read:
        report = report_for(owner=owner, today=TODAY)
    statements = [q["sql"] for q in read.captured_queries]
    assert [s for s in statements if statements.count(s) > 1] == []
    said = {i.key: i for i in report.indicators}
    kinds = [item.kind for item in report.week]
    # What each side makes of the shared reads agrees.
    assert said["plan_momentum"].facts["overdue"] == 7
    assert kinds.count("action") == 6  # the five oldest, then "2 more overdue actions"
    assert said["supervisor"].facts["days_since_conversation"] == 200
    assert "conversation" in kinds
    assert said["reflection"].facts["days_since_review"] == 120
    assert "review" in kinds
    assert said["experiments"].facts["past_time_box"] == 1
    assert kinds.count("experiment") == 1
