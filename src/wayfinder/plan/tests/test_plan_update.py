import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.selectors import plan_overview
from wayfinder.plan.services import plan_get_or_create, plan_update
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


def test_overview_lists_every_action_by_due_date_undated_last(owner, outsider, today):
    undated = DevelopmentActionFactory(owner=owner, due_on=None)
    later = DevelopmentActionFactory(owner=owner, due_on=today + dt.timedelta(days=9))
    sooner = DevelopmentActionFactory(owner=owner, due_on=today)
    DevelopmentActionFactory(owner=outsider)
    PlanRevisionFactory(owner=owner, plan=sooner.plan, number=1)
    newest = PlanRevisionFactory(owner=owner, plan=sooner.plan, number=2)
    overview = plan_overview(owner=owner)
    assert overview.plan.owner == owner
    assert overview.actions == [sooner, later, undated]
    assert overview.last_revision == newest


def test_overview_without_a_plan_is_none(owner):
    assert plan_overview(owner=owner) is None


@pytest.mark.parametrize("rows", [1, 30])
def test_overview_runs_four_queries_whatever_the_number(owner, rows, django_assert_num_queries):
    goal = GoalFactory(owner=owner)
    skill = SkillFactory(owner=owner)
    for _ in range(rows):
        DevelopmentActionFactory(owner=owner, goal=goal).skills.add(skill)
    with django_assert_num_queries(4):
        overview = plan_overview(owner=owner)
        shown = [(a.goal.title, [s.name for s in a.skills.all()]) for a in overview.actions]
    assert shown == [(goal.title, [skill.name])] * rows


def test_plan_update_renames_and_refocuses(owner):
    plan_update(owner=owner, title="  2027 plan ", focus="Lead a bigger team")
    plan = plan_get_or_create(owner=owner)
    assert (plan.title, plan.focus) == ("2027 plan", "Lead a bigger team")
    plan_update(owner=owner, focus="")
    plan.refresh_from_db()
    assert (plan.title, plan.focus) == ("2027 plan", "")
