import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.selectors import actions_completed_since, due_soon_actions, overdue_actions
from wayfinder.plan.services import PlanError
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_due_yesterday_is_overdue_due_today_is_not(owner, today):
    yesterday = DevelopmentActionFactory(owner=owner, due_on=today - DAY)
    DevelopmentActionFactory(owner=owner, due_on=today)
    DevelopmentActionFactory(owner=owner, due_on=None)
    assert list(overdue_actions(owner=owner, today=today)) == [yesterday]


def test_only_open_actions_of_the_owner_are_overdue(owner, outsider, today):
    in_progress = DevelopmentActionFactory(
        owner=owner, due_on=today - 5 * DAY, status=ActionStatus.IN_PROGRESS
    )
    DevelopmentActionFactory(owner=owner, due_on=today - 5 * DAY, status=ActionStatus.DROPPED)
    DevelopmentActionFactory(
        owner=owner, due_on=today - 5 * DAY, status=ActionStatus.DONE, completed_on=today
    )
    DevelopmentActionFactory(owner=outsider, due_on=today - 5 * DAY)
    assert list(overdue_actions(owner=owner, today=today)) == [in_progress]


def test_due_soon_includes_today_and_the_last_day_of_the_window(owner, outsider, today):
    due_today = DevelopmentActionFactory(owner=owner, due_on=today)
    last_day = DevelopmentActionFactory(owner=owner, due_on=today + 14 * DAY)
    DevelopmentActionFactory(owner=owner, due_on=today + 15 * DAY)
    DevelopmentActionFactory(owner=owner, due_on=today - DAY)
    DevelopmentActionFactory(owner=owner, due_on=today, status=ActionStatus.DROPPED)
    DevelopmentActionFactory(owner=outsider, due_on=today)
    assert list(due_soon_actions(owner=owner, today=today)) == [due_today, last_day]
    assert list(due_soon_actions(owner=owner, today=today, days=0)) == [due_today]
    with pytest.raises(PlanError, match="zero or more"):
        due_soon_actions(owner=owner, today=today, days=-1)


def test_completed_since_includes_the_first_day(owner, outsider, today):
    since = today - 90 * DAY
    on_the_day = DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=since)
    recent = DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=today)
    DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=since - DAY)
    DevelopmentActionFactory(owner=outsider, status=ActionStatus.DONE, completed_on=today)
    assert list(actions_completed_since(owner=owner, since=since)) == [recent, on_the_day]


@pytest.mark.parametrize("rows", [2, 25])
def test_action_lists_run_two_queries_whatever_the_number(
    owner, today, rows, django_assert_num_queries
):
    goal = GoalFactory(owner=owner)
    skills = SkillFactory.create_batch(2, owner=owner)
    for n in range(rows):
        action = DevelopmentActionFactory(owner=owner, goal=goal, due_on=today - (n + 1) * DAY)
        action.skills.set(skills)
        done = DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=today)
        done.skills.set(skills)
    for selector in (
        lambda: overdue_actions(owner=owner, today=today),
        lambda: due_soon_actions(owner=owner, today=today - 40 * DAY, days=60),
        lambda: actions_completed_since(owner=owner, since=today),
    ):
        with django_assert_num_queries(2):
            found = [
                (a.goal and a.goal.title, [s.name for s in a.skills.all()]) for a in selector()
            ]
        assert len(found) == rows
