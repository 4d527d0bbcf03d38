"""The agenda drafted from the record: since the last held conversation only, never private."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.conversations.agenda import agenda_draft, agenda_markdown, conversation_markdown
from wayfinder.conversations.models import AgreedActionOwner, ConversationStatus
from wayfinder.conversations.tests.factories import (
    AgreedActionFactory,
    DevelopmentConversationFactory,
)
from wayfinder.direction.models import GoalStatus, Horizon
from wayfinder.direction.tests.factories import AmbitionStatementFactory, GoalFactory
from wayfinder.experiments.models import ExperimentStatus
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import ActionKind, ActionStatus, OpportunityStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory, OpportunityFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@pytest.fixture
def record(owner, today):
    """A crafted record: a conversation held 30 days ago, things before and after it."""
    DevelopmentConversationFactory(owner=owner, held_on=today - days(30))
    goal = GoalFactory(
        owner=owner, title="Lead a team", horizon=Horizon.MID, target_date=today + days(300)
    )
    GoalFactory(owner=owner, title="Old dream", status=GoalStatus.DROPPED)
    AmbitionStatementFactory(owner=owner, version=1, summary="Grow marketing  operations.")
    DevelopmentActionFactory(
        owner=owner,
        title="Finish the analytics course",
        status=ActionStatus.DONE,
        completed_on=today - days(10),
        evidence="Certificate",
    )
    DevelopmentActionFactory(
        owner=owner, title="Old course", status=ActionStatus.DONE, completed_on=today - days(40)
    )
    DevelopmentActionFactory(
        owner=owner, title="Run the pricing project", status=ActionStatus.IN_PROGRESS
    )
    DevelopmentActionFactory(owner=owner, title="Read Radical Candor", due_on=today - days(5))
    DevelopmentActionFactory(
        owner=owner, title="Present to the board", kind=ActionKind.PRESENTATION
    )
    WinFactory(
        owner=owner,
        title="Launched the Q3 campaign",
        result="Pipeline +30 %",
        occurred_on=today - days(3),
        private_notes="CANARY-WIN-PRIVATE",
    )
    WinFactory(owner=owner, title="Old win", occurred_on=today - days(31))
    ExperimentFactory(
        owner=owner,
        title="Try people leadership",
        status=ExperimentStatus.RUNNING,
        starts_on=today - days(60),
        ends_on=today - days(2),
    )
    OpportunityFactory(
        owner=owner, title="the EMEA task force", goal=goal, status=OpportunityStatus.SPOTTED
    )
    OpportunityFactory(owner=owner, title="Declined thing", status=OpportunityStatus.DECLINED)
    return goal


def test_draft_counts_only_what_happened_since_the_last_held_conversation(owner, today, record):
    agenda = agenda_draft(owner=owner, today=today)
    assert agenda.last_held_on == today - days(30)
    assert agenda.completed == ["Finish the analytics course (done 13 Nov 2026): Certificate"]
    assert agenda.in_progress == ["Run the pricing project (due 23 Dec 2026)"]
    assert agenda.wins == ["Launched the Q3 campaign: Pipeline +30 % (20 Nov 2026)"]
    assert agenda.blockers == [
        "Overdue: Read Radical Candor (was due 18 Nov 2026): what is in the way?",
        "Experiment past its time box: Try people leadership (ended 21 Nov 2026)"
        ": what would help me reach a verdict?",
    ]
    assert agenda.asks == [
        "Could I take on the EMEA task force? It serves my goal: Lead a team.",
        "Help finding a presentation to a senior audience for my plan: Present to the board",
    ]
    assert agenda.ambition == "Grow marketing operations."
    assert agenda.goals == ["Lead a team (mid term (1-2 years), by 19 Sep 2027)"]


def test_markdown_has_every_section_and_no_private_notes(owner, today, record):
    text = agenda_markdown(agenda_draft(owner=owner, today=today))
    assert text.startswith("Since our last conversation on 24 Oct 2026:")
    for heading in ("Progress on my plan", "Wins", "Blockers", "Asks", "Where I want my career"):
        assert f"### {heading}" in text
    assert "- Done: Finish the analytics course" in text
    assert "Old win" not in text and "Old course" not in text and "Declined thing" not in text
    assert "CANARY" not in text


def test_a_first_conversation_looks_back_a_quarter_and_says_so(owner, today):
    WinFactory(owner=owner, title="Recent", occurred_on=today - days(89))
    WinFactory(owner=owner, title="Too old", occurred_on=today - days(91))
    agenda = agenda_draft(owner=owner, today=today)
    assert agenda.last_held_on is None
    assert [w.split(":")[0].split(" (")[0] for w in agenda.wins] == ["Recent"]
    text = agenda_markdown(agenda)
    assert text.startswith(
        "No development conversation is recorded here yet, so this looks back over the "
        "last three months, from 26 Aug 2026:"
    )
    assert "our first development conversation" not in text
    assert "- Nothing overdue or stuck." in text


def test_planned_and_future_conversations_do_not_reset_the_window(owner, today):
    DevelopmentConversationFactory(owner=owner, held_on=today - days(50))
    DevelopmentConversationFactory(
        owner=owner, held_on=today - days(5), status=ConversationStatus.CANCELLED
    )
    planned = DevelopmentConversationFactory(
        owner=owner, held_on=today + days(3), status=ConversationStatus.PLANNED
    )
    WinFactory(owner=owner, title="Between", occurred_on=today - days(20))
    WinFactory(owner=owner, title="Tomorrow", occurred_on=today + days(1))
    agenda = agenda_draft(owner=owner, today=today, conversation=planned)
    assert agenda.last_held_on == today - days(50)
    assert [w.split(":")[0].split(" (")[0] for w in agenda.wins] == ["Between"]


def test_open_follow_ups_from_earlier_conversations_are_on_the_agenda(owner, today):
    held = DevelopmentConversationFactory(owner=owner, held_on=today - days(30))
    AgreedActionFactory(owner=owner, conversation=held, description="Send the deck")
    AgreedActionFactory(
        owner=owner, conversation=held, description="Intro to CRO", who=AgreedActionOwner.SUPERVISOR
    )
    AgreedActionFactory(owner=owner, conversation=held, description="Finished", done=True)
    agenda = agenda_draft(owner=owner, today=today)
    assert agenda.follow_ups == [
        "Send the deck (me, agreed 24 Oct 2026)",
        "Intro to CRO (you, agreed 24 Oct 2026)",
    ]


def test_another_owners_record_never_reaches_the_draft(owner, outsider, today, record):
    WinFactory(owner=outsider, title="Outsider win", occurred_on=today - days(1))
    OpportunityFactory(owner=outsider, title="Outsider opportunity")
    text = agenda_markdown(agenda_draft(owner=owner, today=today))
    assert "Outsider" not in text
    assert agenda_draft(owner=outsider, today=today).completed == []


def test_export_has_agenda_notes_and_agreed_actions_but_never_private_notes(owner, today):
    supervisor = PersonFactory(owner=owner, name="Sam Lee")
    conversation = DevelopmentConversationFactory(
        owner=owner,
        held_on=today - days(1),
        supervisor=supervisor,
        agenda="### Asks\n\n- The task force",
        notes="Sam liked it.",
        private_notes="CANARY-CONVERSATION-PRIVATE",
    )
    AgreedActionFactory(
        owner=owner, conversation=conversation, description="Draft the proposal", due_on=today
    )
    text = conversation_markdown(conversation)
    assert text.startswith("# Development conversation with Sam Lee, 22 Nov 2026\n")
    assert "## Agenda\n\n### Asks\n\n- The task force" in text
    assert "## Notes\n\nSam liked it." in text
    assert "- [ ] Draft the proposal (me, due 23 Nov 2026)" in text
    assert "CANARY" not in text
