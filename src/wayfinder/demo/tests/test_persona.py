"""The demo persona: a full record, dated around `today`, neglecting what guidance should spot."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.persona import demo_create
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal
from wayfinder.experiments.models import Experiment
from wayfinder.network.models import Interaction, Person, PersonRole
from wayfinder.plan.models import DevelopmentAction, Opportunity, OpportunityStatus, PlanRevision
from wayfinder.plan.revisions import snapshot_diff
from wayfinder.reflection.models import JournalEntry, PrivateNote
from wayfinder.wins.models import Win, WinAudience

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana():
    return demo_create(today=TODAY)


def _days_ago(day: dt.date) -> int:
    return (TODAY - day).days


def test_demo_is_dana_okafor_as_owner_demo(dana):
    assert dana.user.username == "demo"
    assert dana.display_name == "Dana Okafor"
    assert dana.seniority == "director"


def test_direction_has_versions_a_ruled_out_path_and_no_long_term_goal(dana):
    assert AmbitionStatement.objects.for_owner(dana).count() == 3
    ruled_out = CareerPath.objects.for_owner(dana).get(verdict="ruled_out")
    assert "drained" in ruled_out.verdict_reason
    active = Goal.objects.for_owner(dana).filter(status="active")
    assert {"short", "mid"} <= set(active.values_list("horizon", flat=True))
    assert not Goal.objects.for_owner(dana).filter(horizon="long").exists()


def test_network_has_one_mentor_and_no_sponsor_across_levels_and_functions(dana):
    people = Person.objects.for_owner(dana)
    assert 35 <= people.count() <= 45
    roles = PersonRole.objects.for_owner(dana)
    assert roles.filter(role="mentor", ended_on__isnull=True).count() == 1
    assert not roles.filter(role="sponsor").exists()
    assert len(set(people.values_list("relative_level", flat=True))) >= 5
    assert len(set(people.values_list("function", flat=True))) >= 8
    assert 110 <= Interaction.objects.for_owner(dana).count() <= 130
    assert Interaction.objects.for_owner(dana).filter(people__isnull=True).count() == 0


def test_plan_is_stale_with_overdue_actions_and_real_revisions(dana):
    actions = DevelopmentAction.objects.for_owner(dana)
    assert 10 <= actions.count() <= 14
    overdue = actions.filter(due_on__lt=TODAY, status__in=["planned", "in_progress"])
    assert overdue.count() >= 3
    revisions = list(PlanRevision.objects.for_owner(dana).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert _days_ago(revisions[-1].revised_on) == 150
    for before, after in itertools.pairwise(revisions):
        diff = snapshot_diff(before.snapshot, after.snapshot)
        assert diff.added and diff.changed and diff.plan_changes


def test_experiments_opportunities_and_conversations(dana):
    experiments = Experiment.objects.for_owner(dana)
    assert experiments.get(status="running").check_ins.count() == 3
    assert experiments.get(status="concluded").verdict == "adapt"
    statuses = set(Opportunity.objects.for_owner(dana).values_list("status", flat=True))
    assert statuses == set(OpportunityStatus.values)
    held = DevelopmentConversation.objects.for_owner(dana).filter(status="held")
    assert _days_ago(held.order_by("-held_on").first().held_on) == 70
    converted = AgreedAction.objects.for_owner(dana).exclude(plan_action=None)
    assert converted.count() == 1


def test_wins_have_metrics_and_top_wins_unknown_to_leaders_outside_the_line(dana):
    wins = Win.objects.for_owner(dana)
    assert 30 <= wins.count() <= 40
    assert wins.filter(metrics__isnull=False).distinct().count() >= 25
    pipeline = wins.get(title__startswith="Marketing-sourced pipeline")
    knowers = WinAudience.objects.for_owner(dana).filter(win=pipeline)
    assert [k.person.name for k in knowers] == ["Marcus Webb"]


def test_reflection_and_a_private_backup_plan(dana):
    assert JournalEntry.objects.for_owner(dana).filter(is_private=True).exists()
    backup = PrivateNote.objects.for_owner(dana).get(kind="backup_plan")
    assert "Trigger" in backup.body


def test_demo_dates_follow_today():
    later = TODAY + dt.timedelta(days=400)
    owner = demo_create(today=later, username="later")
    newest = Win.objects.for_owner(owner).order_by("-occurred_on").first().occurred_on
    assert (later - newest).days < 30
