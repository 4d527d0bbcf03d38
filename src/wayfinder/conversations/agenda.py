"""The agenda of the next development conversation, drafted from the owner's record.

DOMAIN.md: the agenda is prepared from the plan's progress, recent wins, blockers, asks
and career aspirations. Everything is counted since the last conversation that was held,
so the supervisor hears what is new. The agenda and the conversation export are made for
the supervisor, so they are built from the privacy projection (core/privacy.py): private
fields and records cannot be read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.defaultfilters import pluralize

from wayfinder.advocacy.selectors import readiness_gaps
from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.conversations.selectors import last_conversation, open_agreed_actions
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward_reader, seal
from wayfinder.direction.models import GoalStatus, Horizon
from wayfinder.direction.selectors import (
    ambition_current,
    goal_list,
    goal_progress_between,
    path_decisions_since,
)
from wayfinder.experiments.selectors import (
    experiment_decisions_since,
    experiments_awaiting_verdict,
    experiments_not_started_on_time,
    experiments_running,
)
from wayfinder.plan.models import ActionKind, ActionStatus, OpportunityStatus
from wayfinder.plan.selectors import (
    action_list,
    actions_completed_since,
    opportunity_pipeline,
    overdue_actions,
)
from wayfinder.wins.selectors import win_list

# With no conversation held yet, "since then" means the last quarter.
FIRST_CONVERSATION_LOOKBACK_DAYS = 90
# Planned actions of these kinds need an opening someone else can offer: worth asking.
HELP_TO_FIND = (ActionKind.STRETCH, ActionKind.PRESENTATION, ActionKind.TASK_FORCE)
OPEN_OPPORTUNITY_STATUSES = (OpportunityStatus.SPOTTED, OpportunityStatus.PURSUED)


@dataclass
class Agenda:
    today: dt.date
    since: dt.date
    last_held_on: dt.date | None
    completed: list[str] = field(default_factory=list)
    in_progress: list[str] = field(default_factory=list)
    wins: list[str] = field(default_factory=list)
    experiments: list[str] = field(default_factory=list)
    direction: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    ambition: str = ""
    goals: list[str] = field(default_factory=list)
    goal_progress: list[str] = field(default_factory=list)


@outward_reader
def agenda_draft(
    *, owner: Profile, today: dt.date, conversation: DevelopmentConversation | None = None
) -> Agenda:
    """Draft the agenda from what changed since the last held conversation (before
    `conversation`, if one is given) up to `today`."""
    before = None
    if conversation is not None and conversation.is_held:
        before = conversation.held_on
    held = last_conversation(owner=owner, today=today, before=before)
    since = held.held_on if held else today - dt.timedelta(days=FIRST_CONVERSATION_LOOKBACK_DAYS)
    agenda = Agenda(today=today, since=since, last_held_on=held.held_on if held else None)
    # What is new: from the day after the last conversation (or the look-back) to today.
    after = since + dt.timedelta(days=1)

    for action in reversed(list(actions_completed_since(owner=owner, since=after))):
        if action.completed_on > today:
            continue
        evidence = f": {action.evidence.strip()}" if action.evidence.strip() else ""
        agenda.completed.append(
            f"{action.title} (done {date_shown(action.completed_on)}){evidence}"
        )
    for action in action_list(owner=owner, status=ActionStatus.IN_PROGRESS):
        due = f" (due {date_shown(action.due_on)})" if action.due_on else ""
        agenda.in_progress.append(f"{action.title}{due}")

    for win in reversed(list(win_list(owner=owner, since=after, until=today))):
        result = f": {' '.join(win.result.split())}" if win.result.strip() else ""
        agenda.wins.append(f"{win.title}{result} ({date_shown(win.occurred_on)})")

    for experiment in experiments_running(owner=owner, today=today):
        if experiment.is_past_time_box_on(today):
            continue  # a blocker, below
        checked = f", {experiment.check_in_count} check-in{pluralize(experiment.check_in_count)}"
        agenda.experiments.append(
            f"Running: {experiment.title} (until {date_shown(experiment.ends_on)}{checked})"
        )
    for experiment in reversed(list(experiment_decisions_since(owner=owner, since=after))):
        learned = f": {' '.join(experiment.learnings.split())}" if experiment.learnings else ""
        agenda.experiments.append(
            f"Verdict on {experiment.title}: {experiment.get_verdict_display().lower()}"
            f" ({date_shown(experiment.decided_on)}){learned}"
        )
    for path in path_decisions_since(owner=owner, since=after):
        reason = f": {' '.join(path.verdict_reason.split())}" if path.verdict_reason else ""
        agenda.direction.append(
            f"{path.get_verdict_display()}: {path.title}"
            f" (decided {date_shown(path.decided_on)}){reason}"
        )

    for action in overdue_actions(owner=owner, today=today):
        agenda.blockers.append(
            f"Overdue: {action.title} (was due {date_shown(action.due_on)}): what is in the way?"
        )
    for experiment in experiments_awaiting_verdict(owner=owner, today=today):
        agenda.blockers.append(
            f"Experiment past its time box: {experiment.title} "
            f"(ended {date_shown(experiment.ends_on)}): what would help me reach a verdict?"
        )
    for experiment in experiments_not_started_on_time(owner=owner, today=today):
        agenda.blockers.append(
            f"Experiment not started: {experiment.title} "
            f"(planned for {date_shown(experiment.starts_on)}): what is in the way?"
        )
    active_goals = list(goal_list(owner=owner, status=GoalStatus.ACTIVE))
    for goal in active_goals:
        if goal.target_date and goal.target_date < today:
            agenda.blockers.append(
                f"Stalled goal: {goal.title} (target was {date_shown(goal.target_date)})"
            )

    for stage in opportunity_pipeline(owner=owner):
        for opportunity in stage.opportunities:
            if opportunity.status in OPEN_OPPORTUNITY_STATUSES:
                serves = (
                    f" It serves my goal: {opportunity.goal.title}." if opportunity.goal else ""
                )
                agenda.asks.append(f"Could I take on {opportunity.title}?{serves}")
            elif opportunity.decided_on and after <= opportunity.decided_on <= today:
                agenda.opportunities.append(
                    f"{stage.label}: {opportunity.title} ({date_shown(opportunity.decided_on)})"
                )
    for action in action_list(owner=owner, status=ActionStatus.PLANNED):
        if action.kind in HELP_TO_FIND:
            agenda.asks.append(
                f"Help finding a {action.get_kind_display().lower()} for my plan: {action.title}"
            )
    # The gaps on the target level are readiness's, as the readiness page counts them.
    level, gaps = readiness_gaps(owner=owner, today=today)
    if gaps:
        names = ", ".join(gap.competency.name for gap in gaps)
        agenda.asks.append(f"Your view of my gaps for {level}: {names}. What would close them?")

    for agreed in open_agreed_actions(owner=owner):
        if conversation is not None and agreed.conversation_id == conversation.pk:
            continue
        who = "me" if agreed.who == "me" else "you"
        agenda.follow_ups.append(
            f"{agreed.description} ({who}, agreed {date_shown(agreed.conversation.held_on)})"
        )

    ambition = ambition_current(owner=owner)
    agenda.ambition = " ".join(ambition.summary.split()) if ambition else ""
    horizons = dict(Horizon.choices)
    order = list(Horizon.values)
    for goal in sorted(active_goals, key=lambda goal: order.index(goal.horizon)):
        target = f", by {date_shown(goal.target_date)}" if goal.target_date else ""
        agenda.goals.append(f"{goal.title} ({horizons[goal.horizon].lower()}{target})")
    progress = goal_progress_between(owner=owner, start=since + dt.timedelta(days=1), end=today)
    agenda.goal_progress = [item.text for item in progress]
    return agenda


def _section(title: str, items: list[str], empty: str) -> list[str]:
    lines = [f"### {title}", ""]
    lines += [f"- {item}" for item in items] if items else [f"- {empty}"]
    return [*lines, ""]


def agenda_markdown(agenda: Agenda) -> str:
    """The draft as Markdown the owner edits in the agenda field."""
    if agenda.last_held_on:
        since = f"Since our last conversation on {date_shown(agenda.last_held_on)}:"
    else:
        since = (
            "No development conversation is recorded here yet, so this looks back over "
            f"the last three months, from {date_shown(agenda.since + dt.timedelta(days=1))}:"
        )
    lines = [since, ""]
    progress = [f"Done: {item}" for item in agenda.completed]
    progress += [f"In progress: {item}" for item in agenda.in_progress]
    lines += _section("Progress on my plan", progress, "Nothing moved on the plan yet.")
    lines += _section("Wins", agenda.wins, "No wins logged since then: worth a think.")
    if agenda.goal_progress:
        lines += _section("Progress on my goals", agenda.goal_progress, "")
    if agenda.experiments:
        lines += _section("Experiments", agenda.experiments, "")
    if agenda.direction:
        lines += _section("Decisions on my direction", agenda.direction, "")
    if agenda.opportunities:
        lines += _section("Opportunities decided", agenda.opportunities, "")
    lines += _section("Blockers", agenda.blockers, "Nothing overdue or stuck.")
    lines += _section("Asks", agenda.asks, "What could I ask for?")
    if agenda.follow_ups:
        lines += _section("Follow-ups from last time", agenda.follow_ups, "")
    aspiration = [f"Ambition: {agenda.ambition}"] if agenda.ambition else []
    aspiration += [f"Goal: {goal}" for goal in agenda.goals]
    lines += _section("Where I want my career to go", aspiration, "Still working out my ambition.")
    return "\n".join(lines).strip() + "\n"


@outward_reader
def conversation_markdown(conversation: DevelopmentConversation) -> str:
    """A conversation's agenda, notes and agreed actions as a Markdown document to keep or
    send. `conversation` is sealed: its private notes cannot be read here."""
    seal(conversation)
    with_whom = f" with {conversation.supervisor.name}" if conversation.supervisor else ""
    lines = [
        f"# Development conversation{with_whom}, {date_shown(conversation.held_on)}",
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
            due = f", due {date_shown(action.due_on)}" if action.due_on else ""
            done = "x" if action.done else " "
            lines.append(f"- [{done}] {action.description} ({who}{due})")
        lines.append("")
    return "\n".join(lines).strip() + "\n"
