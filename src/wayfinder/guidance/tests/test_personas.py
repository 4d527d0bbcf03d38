"""Five people at different moments, each with exactly the nudges a coach would give."""

import datetime as dt

import pytest

from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.models import Seniority
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.direction.models import Horizon
from wayfinder.direction.tests.factories import AmbitionStatementFactory, GoalFactory
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory
from wayfinder.guidance.indicators import HEALTHY, assess
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


def nudges(owner) -> set[str]:
    return {i.key for i in assess(owner=owner, today=TODAY, limits=DEFAULTS) if i.state != HEALTHY}


def person(owner, *, level: int, function: str, roles=(), influence=Influence.MEDIUM, met=10):
    someone = PersonFactory(
        owner=owner, relative_level=level, function=function, influence=influence, cadence_days=60
    )
    for role in roles:
        PersonRoleFactory(owner=owner, person=someone, role=role)
    InteractionFactory(owner=owner, occurred_on=ago(met), people=[someone])
    return someone


def thriving(
    seniority=Seniority.SENIOR_IC,
    *,
    sponsor=True,
    plan_revised=30,
    last_win=5,
    review=20,
    experiment=True,
):
    owner = ProfileFactory(seniority=seniority, function="Engineering")
    AmbitionStatementFactory(owner=owner, version=1, written_on=ago(100))
    for horizon in Horizon.values:
        GoalFactory(owner=owner, horizon=horizon)
    PlanRevisionFactory(owner=owner, revised_on=ago(plan_revised))
    DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=ago(20))
    DevelopmentActionFactory(owner=owner, due_on=TODAY + dt.timedelta(days=20))
    DevelopmentConversationFactory(owner=owner, held_on=ago(20))
    manager = person(owner, level=1, function="Engineering", roles=[Role.MANAGER])
    person(owner, level=2, function="Product", roles=[Role.MENTOR])
    person(owner, level=0, function="Design", roles=[Role.MENTOR])
    leader = person(
        owner,
        level=3,
        function="Sales",
        roles=[Role.SPONSOR] if sponsor else [],
        influence=Influence.HIGH,
    )
    person(owner, level=-1, function="Engineering", roles=[Role.MENTEE])
    win = WinFactory(owner=owner, occurred_on=ago(last_win))
    WinAudienceFactory(owner=owner, win=win, person=leader, told_on=ago(max(last_win - 1, 0)))
    WinAudienceFactory(owner=owner, win=win, person=manager, told_on=ago(max(last_win - 1, 0)))
    if experiment:
        running = ExperimentFactory(
            owner=owner, starts_on=ago(20), ends_on=TODAY + dt.timedelta(days=40)
        )
        CheckInFactory(owner=owner, experiment=running, held_on=ago(3))
    if review is not None:
        ReviewFactory(owner=owner, held_on=ago(review))
    return owner


def test_someone_thriving_gets_no_nudge():
    assert nudges(thriving()) == set()


def test_a_new_graduate_starts_from_nothing():
    owner = ProfileFactory(seniority=Seniority.ENTRY, function="Marketing")
    # Everything is still to do, but a sponsor is not expected this early.
    assert nudges(owner) == {
        "direction",
        "horizons",
        "plan_freshness",
        "plan_momentum",
        "supervisor",
        "mentors",
        "network",
        "visibility",
        "self_advocacy",
        "experiments",
        "reflection",
    }


def test_a_senior_ic_with_no_sponsor():
    assert nudges(thriving(Seniority.SENIOR_IC, sponsor=False)) == {"sponsor"}


def test_a_mid_level_without_a_sponsor_is_not_nudged_about_one():
    assert nudges(thriving(Seniority.MID, sponsor=False)) == set()


def test_a_manager_whose_plan_collects_dust():
    assert nudges(thriving(Seniority.MANAGER, plan_revised=160)) == {"plan_freshness"}


def test_someone_mid_experiment_who_stopped_logging_wins_and_reflecting():
    owner = thriving(last_win=45, review=None)
    # The only win is now older than 30 days but still among the top wins of 6 months.
    assert nudges(owner) == {"self_advocacy", "reflection"}
    assert {i.key: i.state for i in assess(owner=owner, today=TODAY, limits=DEFAULTS)}[
        "experiments"
    ] == HEALTHY
