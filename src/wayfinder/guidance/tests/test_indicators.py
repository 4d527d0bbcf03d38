"""Each indicator at its boundaries (the DOMAIN.md defaults)."""

import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.models import Seniority
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.direction.models import GoalStatus, Horizon
from wayfinder.direction.tests.factories import AmbitionStatementFactory, GoalFactory
from wayfinder.experiments.models import ExperimentStatus, ExperimentVerdict
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.guidance import indicators
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, MISSING, assess
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory
from wayfinder.reflection.tests.factories import ReviewFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def added(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def state(indicator, owner) -> str:
    return indicator(owner, TODAY, DEFAULTS).state


def test_every_practice_has_an_indicator(owner):
    keys = [i.key for i in assess(owner=owner, today=TODAY, limits=DEFAULTS)]
    assert keys == [
        "direction",
        "horizons",
        "plan_momentum",
        "plan_freshness",
        "supervisor",
        "mentors",
        "sponsor",
        "network",
        "visibility",
        "self_advocacy",
        "experiments",
        "reflection",
    ]


@pytest.mark.parametrize(("days", "expected"), [(364, HEALTHY), (365, HEALTHY), (366, ATTENTION)])
def test_direction_reviewed_within_a_year(owner, days, expected):
    AmbitionStatementFactory(owner=owner, version=1, written_on=ago(900), reviewed_on=ago(days))
    assert state(indicators.direction, owner) == expected


def test_direction_missing_without_an_ambition(owner):
    result = indicators.direction(owner, TODAY, DEFAULTS)
    assert result.state == MISSING
    assert result.next_step.url == "/direction/ambition/new/"


@pytest.mark.parametrize(
    ("horizons", "expected"),
    [
        ((), MISSING),
        (("short",), ATTENTION),
        (("short", "mid"), ATTENTION),
        (("short", "mid", "long"), HEALTHY),
    ],
)
def test_horizons(owner, horizons, expected):
    for horizon in horizons:
        GoalFactory(owner=owner, horizon=horizon)
    GoalFactory(owner=owner, horizon=Horizon.LONG, status=GoalStatus.ACHIEVED)  # not active
    assert state(indicators.horizons, owner) == expected


def test_horizons_names_the_missing_one(owner):
    GoalFactory(owner=owner, horizon=Horizon.SHORT)
    GoalFactory(owner=owner, horizon=Horizon.MID)
    result = indicators.horizons(owner, TODAY, DEFAULTS)
    assert result.why == "No active goal on the long term (3-5+ years) horizon."
    assert result.next_step.url == "/direction/goals/new/?horizon=long"


@pytest.mark.parametrize(
    ("days", "expected"), [(None, MISSING), (119, HEALTHY), (120, HEALTHY), (121, ATTENTION)]
)
def test_plan_freshness(owner, days, expected):
    if days is not None:
        PlanRevisionFactory(owner=owner, revised_on=ago(days))
    result = indicators.plan_freshness(owner, TODAY, DEFAULTS)
    assert result.state == expected
    if days == 121:
        assert result.why == "Your plan was last revised 121 days ago: it is collecting dust."


def test_plan_momentum_overdue_action(owner):
    DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=ago(10))
    DevelopmentActionFactory(owner=owner, title="Finish the course", due_on=ago(1))
    result = indicators.plan_momentum(owner, TODAY, DEFAULTS)
    assert result.state == ATTENTION
    assert "“Finish the course”" in result.why


def test_plan_momentum_due_today_is_not_overdue(owner):
    DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=ago(90))
    DevelopmentActionFactory(owner=owner, due_on=TODAY)
    assert state(indicators.plan_momentum, owner) == HEALTHY


def test_plan_momentum_needs_a_completion_within_90_days(owner):
    DevelopmentActionFactory(
        owner=owner, status=ActionStatus.DONE, completed_on=ago(91), created_at=added(120)
    )
    assert state(indicators.plan_momentum, owner) == ATTENTION
    never_done = DevelopmentActionFactory(created_at=added(91)).owner
    assert state(indicators.plan_momentum, never_done) == ATTENTION


def test_plan_momentum_missing_without_actions(owner):
    assert state(indicators.plan_momentum, owner) == MISSING


@pytest.mark.parametrize(
    ("days", "expected"), [(None, MISSING), (44, HEALTHY), (45, HEALTHY), (46, ATTENTION)]
)
def test_supervisor(owner, days, expected):
    if days is not None:
        DevelopmentConversationFactory(owner=owner, held_on=ago(days))
    DevelopmentConversationFactory(owner=owner, held_on=ago(3), status=ConversationStatus.PLANNED)
    assert state(indicators.supervisor, owner) == expected


def make_mentor(owner, *, last_met: int | None, cadence: int | None = None):
    person = PersonFactory(owner=owner, cadence_days=cadence)
    PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
    if last_met is not None:
        InteractionFactory(owner=owner, occurred_on=ago(last_met), people=[person])
    return person


@pytest.mark.parametrize(("count", "expected"), [(0, MISSING), (1, ATTENTION), (2, HEALTHY)])
def test_mentors_zero_one_two(owner, count, expected):
    for _ in range(count):
        make_mentor(owner, last_met=10)
    assert state(indicators.mentors, owner) == expected


def test_mentor_past_cadence_needs_reconnecting(owner):
    make_mentor(owner, last_met=10)
    late = make_mentor(owner, last_met=31, cadence=30)
    result = indicators.mentors(owner, TODAY, DEFAULTS)
    assert result.state == ATTENTION
    assert result.next_step.text == f"Reconnect with {late.name}."


def test_mentor_cadence_boundary_and_default(owner):
    make_mentor(owner, last_met=30, cadence=30)
    make_mentor(owner, last_met=60)  # no cadence of their own: 60 days by default
    assert state(indicators.mentors, owner) == HEALTHY


@pytest.mark.parametrize(("level", "expected"), [(1, MISSING), (2, HEALTHY), (3, HEALTHY)])
def test_a_sponsor_one_level_up_does_not_count(owner, level, expected):
    owner.seniority = Seniority.MANAGER
    person = PersonFactory(owner=owner, relative_level=level)
    PersonRoleFactory(owner=owner, person=person, role=Role.SPONSOR)
    InteractionFactory(owner=owner, occurred_on=ago(30), people=[person])
    assert state(indicators.sponsor, owner) == expected


def test_sponsor_not_expected_early_in_a_career(owner):
    owner.seniority = Seniority.MID
    assert state(indicators.sponsor, owner) == HEALTHY
    owner.seniority = Seniority.SENIOR_IC
    assert state(indicators.sponsor, owner) == MISSING


def test_network_breadth(owner):
    owner.function = "Marketing"
    assert state(indicators.network, owner) == MISSING
    PersonFactory(owner=owner, relative_level=1, function="Marketing")
    PersonFactory(owner=owner, relative_level=0, function="Sales")
    assert state(indicators.network, owner) == ATTENTION
    PersonFactory(owner=owner, relative_level=-1, function="Finance")
    assert state(indicators.network, owner) == HEALTHY


def test_visibility(owner):
    win = WinFactory(owner=owner, occurred_on=ago(20), title="Partner launch")
    assert state(indicators.visibility, owner) == MISSING  # no leaders to know it
    leader = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=2)
    result = indicators.visibility(owner, TODAY, DEFAULTS)
    assert result.state == ATTENTION
    assert result.next_step.text == f"Tell {leader.name} about “Partner launch”."
    WinAudienceFactory(owner=owner, win=win, person=leader, told_on=ago(5))
    assert state(indicators.visibility, owner) == HEALTHY


def test_visibility_ignores_the_reporting_line(owner):
    win = WinFactory(owner=owner, occurred_on=ago(20))
    manager = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=1)
    PersonRoleFactory(owner=owner, person=manager, role=Role.MANAGER)
    WinAudienceFactory(owner=owner, win=win, person=manager, told_on=ago(5))
    assert state(indicators.visibility, owner) == MISSING


@pytest.mark.parametrize(
    ("days", "expected"), [(None, MISSING), (29, HEALTHY), (30, HEALTHY), (31, ATTENTION)]
)
def test_self_advocacy_win_within_30_days(owner, days, expected):
    if days is not None:
        WinFactory(owner=owner, occurred_on=ago(days))
    assert state(indicators.self_advocacy, owner) == expected


def test_experiments(owner):
    assert state(indicators.experiments, owner) == MISSING
    old = ExperimentFactory(
        owner=owner,
        starts_on=ago(500),
        ends_on=ago(400),
        status=ExperimentStatus.CONCLUDED,
        verdict=ExperimentVerdict.ADOPT,
        decided_on=ago(400),
    )
    assert state(indicators.experiments, owner) == ATTENTION
    old.decided_on = ago(300)
    old.save()
    assert state(indicators.experiments, owner) == HEALTHY
    ExperimentFactory(owner=owner, starts_on=ago(10), ends_on=TODAY + dt.timedelta(days=20))
    assert state(indicators.experiments, owner) == HEALTHY


@pytest.mark.parametrize(
    ("days", "expected"), [(None, MISSING), (91, HEALTHY), (92, HEALTHY), (93, ATTENTION)]
)
def test_reflection_quarterly(owner, days, expected):
    if days is not None:
        ReviewFactory(owner=owner, held_on=ago(days))
    assert state(indicators.reflection, owner) == expected


def test_indicators_read_only_the_owners_data(owner, outsider):
    AmbitionStatementFactory(owner=outsider, version=1, written_on=TODAY)
    WinFactory(owner=outsider, occurred_on=TODAY)
    mine = {i.key: i.state for i in assess(owner=owner, today=TODAY, limits=DEFAULTS)}
    assert mine["direction"] == MISSING
    assert mine["self_advocacy"] == MISSING


def test_every_next_step_leads_to_a_page():
    import re
    from pathlib import Path

    from django.urls import reverse

    from wayfinder.guidance.indicators import NextStep

    source = Path(indicators.__file__).read_text()
    names = set(re.findall(r'"([a-z]+:[a-z-]+)"', source))
    assert len(names) >= 10
    # A step about one record (a path to look at again) names it.
    about_one = {"direction:path"}
    for name in names - about_one:
        assert reverse(name)
    for name in about_one:
        assert reverse(name, args=[1])
    assert NextStep("x", "nowhere:at-all").url is None
