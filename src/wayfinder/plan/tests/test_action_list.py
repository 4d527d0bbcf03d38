import datetime as dt

import pytest

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionKind, ActionStatus, DevelopmentAction, Opportunity
from wayfinder.plan.selectors import action_list
from wayfinder.plan.services import PlanError, action_delete, opportunity_delete
from wayfinder.plan.tests.factories import DevelopmentActionFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_action_list_narrows_by_status_goal_and_kind(owner, outsider):
    goal = GoalFactory(owner=owner)
    wanted = DevelopmentActionFactory(
        owner=owner, goal=goal, kind=ActionKind.COURSE, status=ActionStatus.IN_PROGRESS
    )
    DevelopmentActionFactory(owner=owner, goal=goal, kind=ActionKind.READING)
    DevelopmentActionFactory(owner=owner, kind=ActionKind.COURSE, status=ActionStatus.IN_PROGRESS)
    DevelopmentActionFactory(owner=outsider, kind=ActionKind.COURSE)
    assert len(action_list(owner=owner)) == 3
    found = action_list(owner=owner, status="in_progress", goal=goal, kind="course")
    assert list(found) == [wanted]


def test_action_list_puts_undated_actions_last(owner, today):
    undated = DevelopmentActionFactory(owner=owner, due_on=None)
    dated = DevelopmentActionFactory(owner=owner, due_on=today)
    assert list(action_list(owner=owner)) == [dated, undated]


def test_action_list_refuses_unknown_filters_and_foreign_goals(owner, outsider):
    with pytest.raises(PlanError, match="unknown action status"):
        action_list(owner=owner, status="finished")
    with pytest.raises(PlanError, match="unknown action type"):
        action_list(owner=owner, kind="nap")
    with pytest.raises(PlanError, match="not one of yours"):
        action_list(owner=owner, goal=GoalFactory(owner=outsider))


def test_deleting_only_touches_the_owners_rows(owner, outsider):
    action = DevelopmentActionFactory(owner=owner)
    foreign_action = DevelopmentActionFactory(owner=outsider)
    opportunity = OpportunityFactory(owner=owner)
    foreign_opportunity = OpportunityFactory(owner=outsider)
    with pytest.raises(PlanError, match="not one of yours"):
        action_delete(owner=owner, action=foreign_action)
    with pytest.raises(PlanError, match="not one of yours"):
        opportunity_delete(owner=owner, opportunity=foreign_opportunity)
    action_delete(owner=owner, action=action)
    opportunity_delete(owner=owner, opportunity=opportunity)
    assert list(DevelopmentAction.objects.all()) == [foreign_action]
    assert list(Opportunity.objects.all()) == [foreign_opportunity]


def test_done_actions_are_listed_by_the_day_they_were_done(owner, today):
    def done(days_ago: int, due_in: int):
        return DevelopmentActionFactory(
            owner=owner,
            status=ActionStatus.DONE,
            completed_on=today - dt.timedelta(days=days_ago),
            due_on=today + dt.timedelta(days=due_in),
        )

    old, recent = done(days_ago=60, due_in=1), done(days_ago=2, due_in=9)
    assert list(action_list(owner=owner, status="done")) == [recent, old]
