"""The day the plan began is the earlier of its first action and the plan written down,
read in one query whatever the data."""

import datetime as dt

import pytest

from wayfinder.plan.models import DevelopmentAction, DevelopmentPlan
from wayfinder.plan.selectors import plan_started_on
from wayfinder.plan.tests.factories import DevelopmentActionFactory, DevelopmentPlanFactory

pytestmark = pytest.mark.django_db


def _at(day: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, 23, 30, tzinfo=dt.UTC)


def test_nothing_yet(owner, outsider, django_assert_num_queries):
    DevelopmentActionFactory(owner=outsider)
    with django_assert_num_queries(1):
        assert plan_started_on(owner=owner) is None


def test_a_plan_without_actions(owner, django_assert_num_queries):
    plan = DevelopmentPlanFactory(owner=owner)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(created_at=_at(9))
    with django_assert_num_queries(1):
        assert plan_started_on(owner=owner) == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("plan_day", "action_days", "started"),
    [
        (9, [12, 10], 9),  # the plan written down first
        (9, [12, 4], 4),  # an action older than the plan (imported, say)
        (9, [9], 9),
    ],
)
def test_the_earlier_of_the_plan_and_its_first_action(
    owner, outsider, plan_day, action_days, started, django_assert_num_queries
):
    for day in action_days:
        action = DevelopmentActionFactory(owner=owner)
        DevelopmentAction.objects.filter(pk=action.pk).update(created_at=_at(day))
    DevelopmentPlan.objects.filter(owner=owner).update(created_at=_at(plan_day))
    other = DevelopmentActionFactory(owner=outsider)
    DevelopmentAction.objects.filter(pk=other.pk).update(created_at=_at(1))
    with django_assert_num_queries(1):
        assert plan_started_on(owner=owner) == dt.date(2026, 3, started)
