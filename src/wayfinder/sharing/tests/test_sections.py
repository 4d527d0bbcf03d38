"""The sections' projections: what each shows, inside the period, and never what is
private or the owner's network of other people."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.core.privacy import declarations
from wayfinder.direction.tests.factories import (
    AmbitionStatementFactory,
    CareerPathFactory,
    GoalFactory,
)
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.sharing.models import SectionKey
from wayfinder.sharing.sections import SECTIONS, TEMPLATES, plan_compare, project, project_all
from wayfinder.sharing.tests.factories import AcceptedShareFactory
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

CANARY = "CANARY-7f3a"
OTHER = "Quentin Otherperson"


def test_every_section_key_has_one_definition_and_templates_use_them():
    assert list(SECTIONS) == list(SectionKey.values)
    for sections in TEMPLATES.values():
        assert set(sections) <= set(SECTIONS)
    assert TEMPLATES["coach"] == list(SectionKey.values)
    assert set(TEMPLATES["supervisor"]) == {"plan", "goals", "wins", "conversations"}
    assert set(TEMPLATES["mentor"]) == {"direction", "goals", "experiments"}
    assert set(TEMPLATES["sponsor"]) == {"wins", "advocacy"}


@pytest.fixture
def record(owner, today):
    """A full record with the canary in every private field and record, and someone of
    the owner's network other than the share's person in every place a name could go."""
    supervisor = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    other = PersonFactory(owner=owner, name=OTHER, private_notes=CANARY)
    supervisor.private_notes = CANARY
    supervisor.save()
    AmbitionStatementFactory(owner=owner)
    CareerPathFactory(owner=owner, title="CRO", verdict_reason="Too far from the customer")
    goal = GoalFactory(owner=owner, title="Lead the Q3 launch")
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO", goal=goal)
    PlanRevisionFactory(
        owner=owner,
        plan=action.plan,
        number=1,
        revised_on=today - dt.timedelta(days=10),
        snapshot={"actions": []},
    )
    ExperimentFactory(owner=owner, title="Lead a squad")
    CheckInFactory(owner=owner, notes="Energising")
    win = WinFactory(owner=owner, title="Pipeline up", private_notes=CANARY)
    win.collaborators.set([other])
    ImpactMetricFactory(owner=owner, win=win)
    WinAudienceFactory(owner=owner, win=win, person=other)
    with_rob = DevelopmentConversationFactory(
        owner=owner, supervisor=supervisor, agenda="Stretch goals", private_notes=CANARY
    )
    AgreedActionFactory(owner=owner, conversation=with_rob, description="Join the task force")
    DevelopmentConversationFactory(
        owner=owner, supervisor=other, agenda=f"Talk with {OTHER}", private_notes=CANARY
    )
    JournalEntryFactory(owner=owner, answer=CANARY, is_private=True)
    PrivateNoteFactory(owner=owner, body=CANARY)
    return {"supervisor": supervisor, "other": other}


def test_no_projection_holds_private_data_or_other_people(owner, today, record):
    assert declarations()  # the registry the canary is planted from
    share = AcceptedShareFactory(
        owner=owner, person=record["supervisor"], sections=list(SectionKey.values)
    )
    shown = repr(project_all(share, today))
    assert set(project_all(share, today)) == set(SectionKey.values)
    assert CANARY not in shown
    assert OTHER not in shown
    assert "Present Q3 to the CRO" in shown
    assert "Pipeline up" in shown
    assert "Stretch goals" in shown
    assert "Join the task force" in shown


def test_collaborators_only_when_the_share_says_so(owner, today, record):
    share = AcceptedShareFactory(owner=owner, person=record["supervisor"], sections=["wins"])
    (win,) = project(share, "wins", today)["wins"]
    assert win["collaborators"] == []
    assert win["metrics"] == ["30 %"]
    share.show_collaborators = True
    (win,) = project(share, "wins", today)["wins"]
    assert win["collaborators"] == [OTHER]


def test_conversations_are_only_those_with_the_shares_person(owner, today, record):
    share = AcceptedShareFactory(
        owner=owner, person=record["supervisor"], sections=["conversations"]
    )
    (conversation,) = project(share, "conversations", today)["conversations"]
    assert conversation["agenda"] == "Stretch goals"
    assert [a["description"] for a in conversation["agreed_actions"]] == ["Join the task force"]
    assert "notes" not in conversation


def test_a_section_the_share_does_not_allow_is_refused(owner, today):
    share = AcceptedShareFactory(owner=owner, sections=["plan"])
    with pytest.raises(LookupError):
        project(share, "wins", today)
    assert list(project_all(share, today)) == ["plan"]


def test_the_period_limits_dated_items(owner, today):
    WinFactory(owner=owner, title="Old win", occurred_on=dt.date(2025, 1, 10))
    WinFactory(owner=owner, title="New win", occurred_on=dt.date(2026, 10, 1))
    DevelopmentActionFactory(owner=owner, title="Undated", due_on=None)
    DevelopmentActionFactory(owner=owner, title="Due long ago", due_on=dt.date(2025, 2, 1))
    share = AcceptedShareFactory(
        owner=owner, sections=["wins", "plan"], period_start=dt.date(2026, 1, 1)
    )
    assert [w["title"] for w in project(share, "wins", today)["wins"]] == ["New win"]
    assert [a["title"] for a in project(share, "plan", today)["actions"]] == ["Undated"]


def test_plan_compare_shows_the_allowed_fields_of_shared_revisions(owner, today):
    def snapshot(title, notes):
        return {
            "plan": {"title": "Plan", "focus": ""},
            "actions": [{"uid": "a1", "title": title, "status": "planned", "notes": notes}],
        }

    action = DevelopmentActionFactory(owner=owner)
    PlanRevisionFactory(owner=owner, plan=action.plan, number=1, snapshot=snapshot("A", "x"))
    PlanRevisionFactory(owner=owner, plan=action.plan, number=2, snapshot=snapshot("B", CANARY))
    share = AcceptedShareFactory(owner=owner, sections=["plan"])
    compared = plan_compare(share, 2, 1)
    assert compared["from_number"] == 1
    assert compared["changed"] == [
        {"title": "B", "changes": [{"field": "title", "before": "A", "after": "B"}]}
    ]
    assert CANARY not in repr(compared)
    assert plan_compare(share, 1, 9) is None
    share.sections = ["wins"]
    assert plan_compare(share, 1, 2) is None


def test_guidance_shows_each_practices_state(owner, today):
    share = AcceptedShareFactory(owner=owner, sections=["guidance"])
    guidance = project(share, "guidance", today)
    assert guidance["total"] == len(guidance["practices"]) > 0
    assert {"key", "practice", "state", "is_healthy"} == set(guidance["practices"][0])


def test_the_period_limits_conversations_and_revisions(owner, today, record):
    DevelopmentConversationFactory(
        owner=owner, supervisor=record["supervisor"], held_on=dt.date(2025, 3, 1), agenda="Old"
    )
    share = AcceptedShareFactory(
        owner=owner,
        person=record["supervisor"],
        sections=["conversations", "plan"],
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    agendas = [c["agenda"] for c in project(share, "conversations", today)["conversations"]]
    assert agendas == ["Stretch goals"]
    assert [r["number"] for r in project(share, "plan", today)["revisions"]] == [1]
    share.period_end = dt.date(2026, 6, 30)
    assert project(share, "plan", today)["revisions"] == []
