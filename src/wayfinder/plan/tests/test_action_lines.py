"""Lines about actions (the week's list) say what `overdue_actions` and `due_soon_actions`
say, in one query each, without reading goals or skills."""

import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.selectors import (
    ActionLine,
    due_soon_actions,
    due_soon_lines,
    overdue_actions,
    overdue_lines,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _line(action):
    return ActionLine(action.pk, action.title, action.due_on)


@pytest.mark.parametrize("late", [0, 1, 3, 4, 8])
def test_lines_as_the_selectors_list_them(owner, outsider, today, late, django_assert_num_queries):
    goal = GoalFactory(owner=owner)
    skill = SkillFactory(owner=owner)
    for n in range(late):
        action = DevelopmentActionFactory(owner=owner, goal=goal, due_on=today - (5 - n % 3) * DAY)
        action.skills.set([skill])
    DevelopmentActionFactory(owner=owner, due_on=today)  # due today: not overdue yet
    DevelopmentActionFactory(owner=owner, due_on=today + 6 * DAY)
    DevelopmentActionFactory(owner=owner, due_on=today + 9 * DAY)
    DevelopmentActionFactory(owner=owner, due_on=None)
    DevelopmentActionFactory(
        owner=owner, due_on=today - 9 * DAY, status=ActionStatus.DONE, completed_on=today
    )
    DevelopmentActionFactory(owner=outsider, due_on=today - 9 * DAY)

    with django_assert_num_queries(1):
        count, first = overdue_lines(owner=owner, today=today, first=3)
    expected = list(overdue_actions(owner=owner, today=today))
    assert count == len(expected) == late
    assert first == [_line(a) for a in expected[:3]]
    with django_assert_num_queries(1):
        soon = due_soon_lines(owner=owner, today=today, days=7)
    assert soon == [_line(a) for a in due_soon_actions(owner=owner, today=today, days=7)]
    assert len(soon) == 2
