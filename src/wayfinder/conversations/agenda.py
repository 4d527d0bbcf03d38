"""The agenda of the next development conversation, drafted from the owner's record.

DOMAIN.md: the agenda is prepared from the plan's progress, recent wins, blockers, asks
and career aspirations. Everything is counted since the last conversation that was held,
so the supervisor hears what is new. Private notes are never read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.selectors import last_conversation, open_agreed_actions
from wayfinder.core.models import Profile
from wayfinder.direction.models import Goal, GoalStatus, Horizon
from wayfinder.direction.selectors import ambition_current
from wayfinder.experiments.models import Experiment, ExperimentStatus
from wayfinder.plan.models import (
    ActionKind,
    ActionStatus,
    DevelopmentAction,
    Opportunity,
    OpportunityStatus,
)
from wayfinder.wins.models import Win

# With no conversation held yet, "since then" means the last quarter.
FIRST_CONVERSATION_LOOKBACK_DAYS = 90


@dataclass
class Agenda:
    today: dt.date
    since: dt.date
    last_held_on: dt.date | None
    completed: list[str] = field(default_factory=list)
    in_progress: list[str] = field(default_factory=list)
    wins: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    ambition: str = ""
    goals: list[str] = field(default_factory=list)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def agenda_draft(
    *, owner: Profile, today: dt.date, conversation: DevelopmentConversation | None = None
) -> Agenda:
    """Draft the agenda from what changed since the last held conversation (before
    `conversation`, if one is given) up to `today`."""
    held = last_conversation(owner=owner, today=today)
    if conversation is not None and conversation.status == ConversationStatus.HELD:
        held = (
            DevelopmentConversation.objects.for_owner(owner)
            .filter(status=ConversationStatus.HELD, held_on__lt=conversation.held_on)
            .order_by("-held_on", "-id")
            .first()
        )
    since = held.held_on if held else today - dt.timedelta(days=FIRST_CONVERSATION_LOOKBACK_DAYS)
    agenda = Agenda(today=today, since=since, last_held_on=held.held_on if held else None)

    actions = DevelopmentAction.objects.for_owner(owner).select_related("goal")
    for action in actions.filter(
        status=ActionStatus.DONE, completed_on__gt=since, completed_on__lte=today
    ).order_by("completed_on", "id"):
        evidence = f": {action.evidence.strip()}" if action.evidence.strip() else ""
        agenda.completed.append(f"{action.title} (done {_day(action.completed_on)}){evidence}")
    for action in actions.filter(status=ActionStatus.IN_PROGRESS).order_by("due_on", "id"):
        due = f" (due {_day(action.due_on)})" if action.due_on else ""
        agenda.in_progress.append(f"{action.title}{due}")

    for win in (
        Win.objects.for_owner(owner)
        .filter(occurred_on__gt=since, occurred_on__lte=today)
        .order_by("occurred_on", "id")
    ):
        result = f": {' '.join(win.result.split())}" if win.result.strip() else ""
        agenda.wins.append(f"{win.title}{result} ({_day(win.occurred_on)})")

    for action in actions.overdue_on(today).order_by("due_on", "id"):
        agenda.blockers.append(
            f"Overdue: {action.title} (was due {_day(action.due_on)}): what is in the way?"
        )
    for experiment in (
        Experiment.objects.for_owner(owner)
        .exclude(status=ExperimentStatus.CONCLUDED)
        .filter(ends_on__lt=today, starts_on__lte=today)
        .order_by("ends_on", "id")
    ):
        agenda.blockers.append(
            f"Experiment past its time box: {experiment.title} (ended {_day(experiment.ends_on)})"
            ": what would help me reach a verdict?"
        )
    for goal in (
        Goal.objects.for_owner(owner)
        .filter(status=GoalStatus.ACTIVE, target_date__lt=today)
        .order_by("target_date", "id")
    ):
        agenda.blockers.append(f"Stalled goal: {goal.title} (target was {_day(goal.target_date)})")

    for opportunity in (
        Opportunity.objects.for_owner(owner)
        .filter(status__in=(OpportunityStatus.SPOTTED, OpportunityStatus.PURSUED))
        .select_related("goal")
        .order_by("-spotted_on", "id")
    ):
        serves = f" It serves my goal: {opportunity.goal.title}." if opportunity.goal else ""
        agenda.asks.append(f"Could I take on {opportunity.title}?{serves}")
    for action in actions.filter(
        kind__in=(ActionKind.STRETCH, ActionKind.PRESENTATION, ActionKind.TASK_FORCE),
        status=ActionStatus.PLANNED,
    ).order_by("due_on", "id"):
        agenda.asks.append(
            f"Help finding a {action.get_kind_display().lower()} for my plan: {action.title}"
        )

    for agreed in open_agreed_actions(owner=owner):
        if conversation is not None and agreed.conversation_id == conversation.pk:
            continue
        who = "me" if agreed.who == "me" else "you"
        agenda.follow_ups.append(
            f"{agreed.description} ({who}, agreed {_day(agreed.conversation.held_on)})"
        )

    ambition = ambition_current(owner=owner)
    agenda.ambition = " ".join(ambition.summary.split()) if ambition else ""
    horizons = dict(Horizon.choices)
    for goal in (
        Goal.objects.for_owner(owner)
        .filter(status=GoalStatus.ACTIVE)
        .order_by("horizon", "target_date", "id")
    ):
        target = f", by {_day(goal.target_date)}" if goal.target_date else ""
        agenda.goals.append(f"{goal.title} ({horizons[goal.horizon].lower()}{target})")
    return agenda


def _section(title: str, items: list[str], empty: str) -> list[str]:
    lines = [f"### {title}", ""]
    lines += [f"- {item}" for item in items] if items else [f"- {empty}"]
    return [*lines, ""]


def agenda_markdown(agenda: Agenda) -> str:
    """The draft as Markdown the owner edits in the agenda field."""
    if agenda.last_held_on:
        since = f"Since our last conversation on {_day(agenda.last_held_on)}"
    else:
        since = f"Since {_day(agenda.since)} (our first development conversation here)"
    lines = [f"{since}:", ""]
    progress = [f"Done: {item}" for item in agenda.completed]
    progress += [f"In progress: {item}" for item in agenda.in_progress]
    lines += _section("Progress on my plan", progress, "Nothing moved on the plan yet.")
    lines += _section("Wins", agenda.wins, "No wins logged since then: worth a think.")
    lines += _section("Blockers", agenda.blockers, "Nothing overdue or stuck.")
    lines += _section("Asks", agenda.asks, "What could I ask for?")
    if agenda.follow_ups:
        lines += _section("Follow-ups from last time", agenda.follow_ups, "")
    aspiration = [f"Ambition: {agenda.ambition}"] if agenda.ambition else []
    aspiration += [f"Goal: {goal}" for goal in agenda.goals]
    lines += _section("Where I want my career to go", aspiration, "Still working out my ambition.")
    return "\n".join(lines).strip() + "\n"


def conversation_markdown(conversation: DevelopmentConversation) -> str:
    """A conversation's agenda, notes and agreed actions as a Markdown document to keep or
    send. The private notes stay out."""
    with_whom = f" with {conversation.supervisor.name}" if conversation.supervisor else ""
    lines = [
        f"# Development conversation{with_whom}, {_day(conversation.held_on)}",
        "",
        f"Status: {conversation.get_status_display().lower()}",
        "",
        "## Agenda",
        "",
        conversation.agenda.strip() or "No agenda written.",
        "",
    ]
    if conversation.notes.strip():
        lines += ["## Notes", "", conversation.notes.strip(), ""]
    agreed = list(conversation.agreed_actions.order_by("id"))
    if agreed:
        lines += ["## Agreed actions", ""]
        for action in agreed:
            who = "me" if action.who == "me" else "supervisor"
            due = f", due {_day(action.due_on)}" if action.due_on else ""
            done = "x" if action.done else " "
            lines.append(f"- [{done}] {action.description} ({who}{due})")
        lines.append("")
    return "\n".join(lines).strip() + "\n"
