import datetime as dt

import pytest

from wayfinder.direction.models import Goal, GoalStatus, Horizon
from wayfinder.direction.selectors import goal_list
from wayfinder.direction.services import (
    DirectionError,
    goal_create,
    goal_set_status,
    goal_update,
)
from wayfinder.direction.tests.factories import (
    AmbitionStatementFactory,
    CareerPathFactory,
    GoalFactory,
)

pytestmark = pytest.mark.django_db


def test_goal_create_ties_to_the_current_ambition(owner, outsider, today):
    AmbitionStatementFactory(owner=owner, version=1)
    current = AmbitionStatementFactory(owner=owner, version=2)
    AmbitionStatementFactory(owner=outsider, version=3)
    goal = goal_create(
        owner=owner,
        title="Lead the Q3 launch",
        horizon=Horizon.SHORT,
        success_measure="Launch on time, 500 signups",
        target_date=today + dt.timedelta(days=150),
        today=today,
    )
    assert goal.ambition == current
    assert goal.status == GoalStatus.ACTIVE


def test_goal_create_without_any_ambition_has_none(owner, today):
    goal = goal_create(owner=owner, title="Join a board", horizon=Horizon.LONG, today=today)
    assert goal.ambition is None


def test_goal_create_may_name_an_older_ambition_and_a_path(owner, today):
    older = AmbitionStatementFactory(owner=owner, version=1)
    AmbitionStatementFactory(owner=owner, version=2)
    path = CareerPathFactory(owner=owner)
    goal = goal_create(
        owner=owner, title="X", horizon=Horizon.MID, today=today, ambition=older, path=path
    )
    assert (goal.ambition, goal.path) == (older, path)


def test_target_date_today_is_fine_yesterday_is_refused(owner, today):
    goal = goal_create(
        owner=owner, title="A", horizon=Horizon.SHORT, target_date=today, today=today
    )
    assert goal.target_date == today
    with pytest.raises(DirectionError, match="already past"):
        goal_create(
            owner=owner,
            title="B",
            horizon=Horizon.SHORT,
            target_date=today - dt.timedelta(days=1),
            today=today,
        )
    assert Goal.objects.for_owner(owner).count() == 1


def test_goal_create_refuses_bad_input(owner, outsider, today):
    with pytest.raises(DirectionError, match="unknown horizon 'forever'"):
        goal_create(owner=owner, title="A", horizon="forever", today=today)
    with pytest.raises(DirectionError, match="needs a title"):
        goal_create(owner=owner, title="", horizon=Horizon.SHORT, today=today)
    with pytest.raises(DirectionError, match="ambition is not one of yours"):
        goal_create(
            owner=owner,
            title="A",
            horizon=Horizon.SHORT,
            today=today,
            ambition=AmbitionStatementFactory(owner=outsider),
        )
    with pytest.raises(DirectionError, match="path is not one of yours"):
        goal_create(
            owner=owner,
            title="A",
            horizon=Horizon.SHORT,
            today=today,
            path=CareerPathFactory(owner=outsider),
        )
    assert not Goal.objects.for_owner(owner).exists()


def test_goal_update_changes_given_fields_and_none_clears(owner):
    goal = GoalFactory(owner=owner, title="Old", horizon=Horizon.SHORT)
    goal_update(owner=owner, goal=goal, title=" New ", horizon=Horizon.MID, target_date=None)
    goal.refresh_from_db()
    assert (goal.title, goal.horizon, goal.target_date) == ("New", Horizon.MID, None)
    assert goal.success_measure == "Measured by something concrete"


def test_goal_update_refuses_bad_input_and_others_goals(owner, outsider):
    goal = GoalFactory(owner=owner)
    with pytest.raises(DirectionError, match="unknown horizon"):
        goal_update(owner=owner, goal=goal, horizon="someday")
    with pytest.raises(TypeError, match="status"):
        goal_update(owner=owner, goal=goal, status=GoalStatus.ACHIEVED)
    with pytest.raises(DirectionError, match="goal is not one of yours"):
        goal_update(owner=owner, goal=GoalFactory(owner=outsider), title="Mine")
    with pytest.raises(DirectionError, match="path is not one of yours"):
        goal_update(owner=owner, goal=goal, path=CareerPathFactory(owner=outsider))


def test_achieving_a_goal_dates_it_and_reopening_clears_the_date(owner, today):
    goal = GoalFactory(owner=owner)
    goal_set_status(owner=owner, goal=goal, status=GoalStatus.ACHIEVED, today=today)
    goal.refresh_from_db()
    assert (goal.status, goal.achieved_on) == (GoalStatus.ACHIEVED, today)
    goal_set_status(owner=owner, goal=goal, status=GoalStatus.ACTIVE, today=today)
    goal.refresh_from_db()
    assert (goal.status, goal.achieved_on) == (GoalStatus.ACTIVE, None)


def test_goal_set_status_refuses_unknown_status_and_others_goals(owner, outsider, today):
    with pytest.raises(DirectionError, match="unknown goal status 'done'"):
        goal_set_status(owner=owner, goal=GoalFactory(owner=owner), status="done", today=today)
    theirs = GoalFactory(owner=outsider)
    with pytest.raises(DirectionError, match="not one of yours"):
        goal_set_status(owner=owner, goal=theirs, status=GoalStatus.DROPPED, today=today)
    theirs.refresh_from_db()
    assert theirs.status == GoalStatus.ACTIVE


def test_goal_list_filters(owner, outsider, today):
    short = GoalFactory(owner=owner, horizon=Horizon.SHORT)
    mid_done = GoalFactory(
        owner=owner, horizon=Horizon.MID, status=GoalStatus.ACHIEVED, achieved_on=today
    )
    GoalFactory(owner=outsider, horizon=Horizon.SHORT)
    assert set(goal_list(owner=owner)) == {short, mid_done}
    assert list(goal_list(owner=owner, horizon=Horizon.SHORT)) == [short]
    assert list(goal_list(owner=owner, status=GoalStatus.ACHIEVED)) == [mid_done]
    assert list(goal_list(owner=owner, horizon=Horizon.SHORT, status=GoalStatus.ACHIEVED)) == []
    with pytest.raises(DirectionError, match="unknown horizon"):
        goal_list(owner=owner, horizon="x")
    with pytest.raises(DirectionError, match="unknown goal status"):
        goal_list(owner=owner, status="x")
