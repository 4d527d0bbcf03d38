"""The agenda reads as an agenda: experiments and verdicts, path decisions and
opportunities since the last conversation; one rule for past its time box; a true "since"
line; rendered from Markdown on the page with the narrative's safe renderer."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.direction.models import Verdict
from wayfinder.direction.tests.factories import CareerPathFactory
from wayfinder.experiments.models import ExperimentStatus
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory
from wayfinder.plan.models import OpportunityStatus
from wayfinder.plan.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def last_held(owner, today):
    return DevelopmentConversationFactory(owner=owner, held_on=today - 30 * DAY)


def test_running_experiments_and_verdicts_since_then(owner, today, last_held):
    running = ExperimentFactory(owner=owner, title="Lead the cohort", ends_on=today + 20 * DAY)
    CheckInFactory.create_batch(2, owner=owner, experiment=running)
    ExperimentFactory(
        owner=owner,
        title="Mentor juniors",
        status=ExperimentStatus.CONCLUDED,
        verdict="adapt",
        decided_on=today - 5 * DAY,
        learnings="Loved  the coaching,\nnot the admin.",
    )
    ExperimentFactory(
        owner=owner,
        title="Before then",
        status=ExperimentStatus.CONCLUDED,
        verdict="adopt",
        decided_on=today - 30 * DAY,
    )
    agenda = agenda_draft(owner=owner, today=today)
    assert agenda.experiments == [
        "Running: Lead the cohort (until 13 Dec 2026, 2 check-ins)",
        "Verdict on Mentor juniors: adapt (18 Nov 2026): Loved the coaching, not the admin.",
    ]
    assert "### Experiments\n\n- Running: Lead the cohort" in agenda_markdown(agenda)


def test_path_decisions_and_opportunities_decided_since_then(owner, today, last_held):
    CareerPathFactory(
        owner=owner,
        title="Product management",
        verdict=Verdict.PURSUING,
        verdict_reason="I light up in discovery work",
        decided_on=today - 3 * DAY,
    )
    CareerPathFactory(
        owner=owner,
        title="Old decision",
        verdict=Verdict.RULED_OUT,
        verdict_reason="x",
        decided_on=today - 40 * DAY,
    )
    CareerPathFactory(owner=owner, title="Still open", decided_on=today - 2 * DAY)
    OpportunityFactory(
        owner=owner,
        title="the EMEA task force",
        status=OpportunityStatus.SECURED,
        decided_on=today - 2 * DAY,
    )
    OpportunityFactory(
        owner=owner,
        title="Long ago",
        status=OpportunityStatus.DECLINED,
        decided_on=today - 60 * DAY,
    )
    OpportunityFactory(owner=owner, title="the offsite talk", status=OpportunityStatus.SPOTTED)
    agenda = agenda_draft(owner=owner, today=today)
    assert agenda.direction == [
        "Pursuing: Product management (decided 20 Nov 2026): I light up in discovery work"
    ]
    assert agenda.opportunities == ["Secured: the EMEA task force (21 Nov 2026)"]
    assert agenda.asks == ["Could I take on the offsite talk?"]
    text = agenda_markdown(agenda)
    assert "### Decisions on my direction" in text and "### Opportunities decided" in text
    assert "Old decision" not in text and "Long ago" not in text and "Still open" not in text


def test_only_a_running_experiment_is_past_its_time_box(owner, today, last_held):
    ExperimentFactory(owner=owner, title="Over", ends_on=today - DAY)
    ExperimentFactory(owner=owner, title="Last day", ends_on=today)
    ExperimentFactory(
        owner=owner,
        title="Never started",
        status=ExperimentStatus.DESIGNED,
        starts_on=today - 20 * DAY,
        ends_on=today - DAY,
    )
    blockers = agenda_draft(owner=owner, today=today).blockers
    assert blockers == [
        "Experiment past its time box: Over (ended 22 Nov 2026): what would help me reach a "
        "verdict?",
        "Experiment not started: Never started (planned for 3 Nov 2026): what is in the way?",
    ]


def test_the_since_line_names_the_last_conversation_held(owner, today):
    DevelopmentConversationFactory(
        owner=owner, held_on=today - 10 * DAY, status=ConversationStatus.CANCELLED
    )
    text = agenda_markdown(agenda_draft(owner=owner, today=today))
    assert text.startswith("No development conversation is recorded here yet")
    assert "first development conversation" not in text
    DevelopmentConversationFactory(owner=owner, held_on=today - 40 * DAY)
    text = agenda_markdown(agenda_draft(owner=owner, today=today))
    assert text.startswith("Since our last conversation on 14 Oct 2026:")


def test_the_conversation_page_renders_the_agenda_from_markdown_safely(client, owner):
    client.force_login(owner.user)
    conversation = DevelopmentConversationFactory(
        owner=owner,
        status=ConversationStatus.PLANNED,
        agenda="### Progress on my plan\n\n- Done: **the course**\n\n<script>alert(1)</script>",
    )
    content = client.get(conversation.get_absolute_url()).content.decode()
    assert "<h3>Progress on my plan</h3>" in content
    assert "<li>Done: <strong>the course</strong></li>" in content
    assert "### Progress" not in content
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_list_shows_the_agenda_as_words_not_markdown(client, owner):
    client.force_login(owner.user)
    DevelopmentConversationFactory(
        owner=owner,
        status=ConversationStatus.PLANNED,
        agenda="### Asks\n\n- Could I take on **R&D**?",
    )
    content = client.get("/conversations/").content.decode()
    assert "Agenda: Asks Could I take on R&amp;D?" in content
    assert "###" not in content and "**" not in content
