"""Plan momentum reads what its verdict needs: the overdue count and oldest action in one
query, the completions in another, and whether a plan exists and when it began only when
nothing was completed."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, MISSING, plan_momentum
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory, DevelopmentPlanFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def _at(days_before_today: int) -> dt.datetime:
    day = TODAY - dt.timedelta(days=days_before_today)
    return dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)


def test_overdue_actions_are_counted_and_the_oldest_named_in_two_queries(
    owner, django_assert_num_queries
):
    for days, title in ((3, "Later"), (30, "Oldest"), (10, "Middle")):
        DevelopmentActionFactory(owner=owner, title=title, due_on=TODAY - dt.timedelta(days=days))
    with django_assert_num_queries(2):
        said = plan_momentum(owner, TODAY, DEFAULTS)
    assert said.state == ATTENTION
    assert said.why.startswith("3 development actions are overdue, the oldest “Oldest”")
    assert said.facts == {"overdue": 3, "completed_recently": 0}


def test_a_young_plan_with_nothing_done_yet_is_healthy(owner, django_assert_num_queries):
    plan = DevelopmentPlanFactory(owner=owner, created_at=_at(12))
    DevelopmentActionFactory(owner=owner, plan=plan, created_at=_at(10), due_on=None)
    with django_assert_num_queries(4):
        said = plan_momentum(owner, TODAY, DEFAULTS)
    assert said.state == HEALTHY
    assert said.why.startswith("Your plan started 12 days ago and nothing is overdue")


def test_an_old_plan_with_nothing_done_needs_attention(owner):
    plan = DevelopmentPlanFactory(owner=owner, created_at=_at(200))
    DevelopmentActionFactory(owner=owner, plan=plan, created_at=_at(150), due_on=None)
    assert plan_momentum(owner, TODAY, DEFAULTS).state == ATTENTION


def test_a_plan_without_actions_is_missing_in_three_queries(owner, django_assert_num_queries):
    with django_assert_num_queries(3):
        said = plan_momentum(owner, TODAY, DEFAULTS)
    assert said.state == MISSING


def test_recent_completions_need_no_more_reads(owner, django_assert_num_queries):
    DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=TODAY, due_on=None)
    with django_assert_num_queries(2):
        said = plan_momentum(owner, TODAY, DEFAULTS)
    assert said.state == HEALTHY
    assert said.facts == {"overdue": 0, "completed_recently": 1}
