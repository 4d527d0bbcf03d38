import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionKind, ActionStatus, DevelopmentAction
from wayfinder.plan.services import (
    PlanError,
    action_complete,
    action_create,
    action_drop,
    action_reschedule,
    action_start,
    action_update,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db


def test_action_create_adds_to_the_plan_with_goal_and_skills(owner, today):
    goal = GoalFactory(owner=owner)
    action = action_create(
        owner=owner,
        title=" Present  pipeline review to the CRO ",
        kind=ActionKind.PRESENTATION,
        goal=goal,
        skills=["Storytelling", "storytelling", "Forecasting"],
        due_on=today,
    )
    assert action.title == "Present pipeline review to the CRO"
    assert action.plan.owner == owner
    assert sorted(s.name for s in action.skills.all()) == ["Forecasting", "Storytelling"]


def test_action_create_refuses_bad_input(owner, outsider):
    with pytest.raises(PlanError, match="needs a title"):
        action_create(owner=owner, title="  ")
    with pytest.raises(PlanError, match="unknown action type 'webinar'"):
        action_create(owner=owner, title="A", kind="webinar")
    with pytest.raises(PlanError, match="your own goals"):
        action_create(owner=owner, title="A", goal=GoalFactory(owner=outsider))
    with pytest.raises(PlanError, match="under 200 characters"):
        action_create(owner=owner, title="x" * 201)
    assert not DevelopmentAction.objects.for_owner(owner).exists()


def test_action_update_changes_only_given_fields_and_replaces_skills(owner):
    action = DevelopmentActionFactory(owner=owner, title="Old", notes="keep me")
    action.skills.set([SkillFactory(owner=owner, name="Pricing")])
    goal = GoalFactory(owner=owner)
    action_update(
        owner=owner, action=action, title="New", goal=goal, skills=["Negotiation"], due_on=None
    )
    action.refresh_from_db()
    assert (action.title, action.goal, action.due_on, action.notes) == (
        "New",
        goal,
        None,
        "keep me",
    )
    assert [s.name for s in action.skills.all()] == ["Negotiation"]
    action_update(owner=owner, action=action, goal=None, skills=[])
    action.refresh_from_db()
    assert action.goal is None
    assert not action.skills.exists()


def test_action_update_refuses_bad_input_and_nothing_changes(owner, outsider):
    action = DevelopmentActionFactory(owner=owner, title="Same")
    with pytest.raises(PlanError, match="unknown action type"):
        action_update(owner=owner, action=action, title="Other", kind="nap")
    with pytest.raises(PlanError, match="your own goals"):
        action_update(owner=owner, action=action, goal=GoalFactory(owner=outsider))
    with pytest.raises(TypeError, match="status"):
        action_update(owner=owner, action=action, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.title == "Same"


def test_services_refuse_another_owners_action(owner, outsider, today):
    theirs = DevelopmentActionFactory(owner=outsider)
    calls = [
        lambda: action_update(owner=owner, action=theirs, title="Mine"),
        lambda: action_start(owner=owner, action=theirs),
        lambda: action_complete(owner=owner, action=theirs, today=today),
        lambda: action_drop(owner=owner, action=theirs),
        lambda: action_reschedule(owner=owner, action=theirs, due_on=today, today=today),
    ]
    for call in calls:
        with pytest.raises(PlanError, match="action is not one of yours"):
            call()
    theirs.refresh_from_db()
    assert theirs.status == ActionStatus.PLANNED


def test_action_complete_records_date_and_evidence(owner, today):
    action = DevelopmentActionFactory(owner=owner, evidence="Draft deck")
    action_complete(owner=owner, action=action, today=today, evidence="Slides and CRO feedback")
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.evidence) == (
        ActionStatus.DONE,
        today,
        "Slides and CRO feedback",
    )


def test_action_complete_keeps_existing_evidence_when_none_given(owner, today):
    action = DevelopmentActionFactory(owner=owner, evidence="Certificate")
    action_complete(owner=owner, action=action, today=today)
    action.refresh_from_db()
    assert action.evidence == "Certificate"


def test_a_done_action_cannot_be_completed_dropped_or_rescheduled_again(owner, today):
    action = DevelopmentActionFactory(
        owner=owner, status=ActionStatus.DONE, completed_on=today - dt.timedelta(days=3)
    )
    for call in (
        lambda: action_complete(owner=owner, action=action, today=today),
        lambda: action_drop(owner=owner, action=action),
        lambda: action_reschedule(owner=owner, action=action, due_on=today, today=today),
        lambda: action_start(owner=owner, action=action),
    ):
        with pytest.raises(PlanError, match="already done"):
            call()
    action.refresh_from_db()
    assert action.completed_on == today - dt.timedelta(days=3)


def test_the_database_refuses_done_without_a_completion_date(owner):
    action = DevelopmentActionFactory(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        DevelopmentAction.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)


def test_drop_then_start_again(owner, today):
    action = DevelopmentActionFactory(owner=owner)
    action_drop(owner=owner, action=action)
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED
    with pytest.raises(PlanError, match="was dropped"):
        action_complete(owner=owner, action=action, today=today)
    action_start(owner=owner, action=action)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_reschedule_to_today_is_fine_to_yesterday_is_refused(owner, today):
    action = DevelopmentActionFactory(owner=owner, due_on=today - dt.timedelta(days=10))
    action_reschedule(owner=owner, action=action, due_on=today, today=today)
    action.refresh_from_db()
    assert action.due_on == today
    with pytest.raises(PlanError, match="already past"):
        action_reschedule(
            owner=owner, action=action, due_on=today - dt.timedelta(days=1), today=today
        )
    action.refresh_from_db()
    assert action.due_on == today
