"""The "this week" list: what is due, overdue or worth doing in the next seven days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.urls import reverse

from wayfinder.conversations.selectors import next_planned_conversation
from wayfinder.core.counts import count_of
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import Thresholds
from wayfinder.direction.selectors import goals_without_recent_progress
from wayfinder.experiments.selectors import (
    experiment_check_ins_due,
    experiment_lines,
    experiments_ending_soon,
)
from wayfinder.guidance.models import GuidanceSettings
from wayfinder.guidance.reads import ACTIONS_SHOWN, Reads
from wayfinder.network.selectors import cadence_due
from wayfinder.plan.selectors import due_soon_lines

if TYPE_CHECKING:
    from wayfinder.conversations.models import DevelopmentConversation

WEEK = 7
# Beyond this many, people past their cadence are summed up in a line (and overdue actions
# beyond ACTIONS_SHOWN).
PEOPLE_SHOWN = 5
OVERDUE, DUE, UPCOMING = "overdue", "due", "upcoming"


@dataclass(frozen=True)
class WeekItem:
    kind: str  # action, person, conversation, review, experiment, goal
    title: str
    detail: str
    on: dt.date | None
    urgency: str  # overdue, due, upcoming
    url: str | None = None

    @property
    def is_overdue(self) -> bool:
        return self.urgency == OVERDUE

    @property
    def is_due(self) -> bool:
        return self.urgency == DUE

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "date": self.on.isoformat() if self.on else None,
            "urgency": self.urgency,
            "url": self.url,
        }


# What apps above guidance add to the week (sharing: comments, proposals, shares about to
# expire). Each registers in its AppConfig.ready, so guidance does not import it: called
# with owner= and today=, it gives its WeekItems.
WeekSource = Callable[..., list[WeekItem]]
_WEEK_SOURCES: list[WeekSource] = []


def week_source_register(source: WeekSource) -> None:
    """Add a source of items to every owner's week (once)."""
    if source not in _WEEK_SOURCES:
        _WEEK_SOURCES.append(source)


def _url(obj: object) -> str | None:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None


def _action_url(action_id: int) -> str:
    """An action lives on the plan page, where it can be started, finished or moved."""
    return f"{reverse('plan:plan')}#action-{action_id}"


def this_week(
    *, owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> list[WeekItem]:
    """Overdue first, then what is due this week by date; a fixed number of queries (what
    the report's indicators read too comes from their shared `reads`, when given)."""
    reads = reads or Reads(owner, today, limits)
    items: list[WeekItem] = []
    overdue_count, overdue = reads.overdue
    for action in overdue:
        late = (today - cast(dt.date, action.due_on)).days  # overdue: it has a due date
        items.append(
            WeekItem(
                "action",
                action.title,
                f"overdue by {count_of(late, 'day')}",
                action.due_on,
                OVERDUE,
                _action_url(action.pk),
            )
        )
    if overdue_count > ACTIONS_SHOWN:
        more = overdue_count - ACTIONS_SHOWN
        items.append(
            WeekItem(
                "action",
                f"{count_of(more, 'more overdue action')}",
                "reschedule, drop or finish them in your plan",
                None,
                OVERDUE,
                reverse("plan:plan"),
            )
        )
    for action in due_soon_lines(owner=owner, today=today, days=WEEK):
        items.append(
            WeekItem("action", action.title, "due", action.due_on, DUE, _action_url(action.pk))
        )
    past_count, past_cadence = cadence_due(owner=owner, today=today, limit=PEOPLE_SHOWN)
    for due in past_cadence:
        detail = (
            "never met: get in touch"
            if due.last_interaction_on is None
            else f"last met {due.last_interaction_on:%-d %b}, "
            f"{count_of(cast(int, due.days_overdue), 'day')} past your usual rhythm"
        )
        items.append(WeekItem("person", due.person.name, detail, None, OVERDUE, _url(due.person)))
    if past_count > PEOPLE_SHOWN:
        more = past_count - PEOPLE_SHOWN
        items.append(
            WeekItem(
                "person",
                f"{count_of(more, 'more person', 'more people')} past your usual rhythm",
                "pick one or two to get back in touch with",
                None,
                OVERDUE,
                reverse("network:people"),
            )
        )
    items.extend(_conversation(owner, today, limits, reads.last_conversation))
    items.extend(_review(today, limits, reads.last_review_on))
    for experiment in reads.awaiting_verdict:
        items.append(
            WeekItem(
                "experiment",
                experiment.title,
                "time box over: adopt, adapt or abandon?",
                experiment.ends_on,
                OVERDUE,
                _url(experiment),
            )
        )
    ending = list(experiment_lines(experiments_ending_soon(owner=owner, today=today, days=WEEK)))
    for experiment in ending:
        items.append(
            WeekItem(
                "experiment",
                experiment.title,
                "time box ends",
                experiment.ends_on,
                DUE,
                _url(experiment),
            )
        )
    # An experiment whose box ends this week is listed once, for its end, not also for a check-in.
    for experiment in experiment_lines(experiment_check_ins_due(owner=owner, today=today)):
        if experiment in ending:
            continue
        items.append(
            WeekItem(
                "experiment",
                experiment.title,
                "check in: what are the signals saying?",
                today,
                DUE,
                _url(experiment),
            )
        )
    for goal in goals_without_recent_progress(owner=owner, today=today):
        detail = (
            f"no progress recorded since {goal.last_progress_on:%-d %b}: how far along is it?"  # type: ignore[attr-defined]
            if goal.last_progress_on  # type: ignore[attr-defined]
            else "no progress recorded yet: how far along is it?"
        )
        items.append(WeekItem("goal", goal.title, detail, None, DUE, _url(goal)))
    for source in _WEEK_SOURCES:
        items.extend(source(owner=owner, today=today))
    order = {OVERDUE: 0, DUE: 1, UPCOMING: 2}
    # Stable: within a day, the order above holds (the people summary after the people).
    return sorted(items, key=lambda item: (order[item.urgency], item.on or today))


def _conversation(
    owner: Profile, today: dt.date, limits: Thresholds, last: DevelopmentConversation | None
) -> list[WeekItem]:
    """The next planned conversation, or one to plan after `last` (the last held)."""
    planned = next_planned_conversation(owner=owner, today=today)
    if planned is not None:
        if planned.held_on <= today + dt.timedelta(days=WEEK):
            who = f" with {planned.supervisor.name}" if planned.supervisor else ""
            return [
                WeekItem(
                    "conversation",
                    f"Development conversation{who}",
                    "prepare the agenda",
                    planned.held_on,
                    DUE,
                    _url(planned),
                )
            ]
        return []
    due_on = (last.held_on if last else today) + dt.timedelta(days=limits.supervisor_days)
    if last is None or due_on <= today + dt.timedelta(days=WEEK):
        urgency = OVERDUE if last is not None and due_on < today else DUE
        return [
            WeekItem(
                "conversation",
                "Development conversation with your supervisor",
                "none planned: propose a date",
                due_on if last else today,
                urgency,
                reverse("conversations:conversation-new"),
            )
        ]
    return []


def _review(today: dt.date, limits: Thresholds, last: dt.date | None) -> list[WeekItem]:
    """The quarterly review, when due within the week after `last` (the last review's day)."""
    due_on = (last + dt.timedelta(days=limits.review_days)) if last else today
    if due_on > today + dt.timedelta(days=WEEK):
        return []
    urgency = OVERDUE if last is not None and due_on < today else DUE
    return [
        WeekItem(
            "review",
            "Quarterly review",
            "a few coaching questions, answered honestly",
            due_on,
            urgency,
            reverse("reflection:review-new"),
        )
    ]


def guidance_settings_for(*, owner: Profile) -> GuidanceSettings:
    """The owner's settings; unsaved defaults while they have changed nothing."""
    return GuidanceSettings.objects.for_owner(owner).first() or GuidanceSettings(owner=owner)


def thresholds_for(*, owner: Profile) -> Thresholds:
    """The owner's thresholds: their settings, or the defaults while they have none."""
    return guidance_settings_for(owner=owner).thresholds
