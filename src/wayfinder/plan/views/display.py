"""Snapshots and diffs in words: labels instead of stored codes, dates as people write them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format

from wayfinder.plan.models import ActionKind, ActionStatus
from wayfinder.plan.revisions import PlanDiff

FIELD_LABELS = {
    "title": "Title",
    "focus": "Focus",
    "kind": "Type",
    "goal": "Goal",
    "skills": "Skills",
    "due_on": "Due",
    "status": "Status",
    "completed_on": "Completed",
    "evidence": "Evidence",
    "notes": "Notes",
}
_CHOICES = {"kind": dict(ActionKind.choices), "status": dict(ActionStatus.choices)}


def readable(field: str, value: Any) -> str:
    """One snapshot value as text; an empty value reads as a dash."""
    if value in (None, "", []):
        return "—"
    if field in _CHOICES:
        return str(_CHOICES[field].get(value, value))
    if field in ("due_on", "completed_on"):
        return date_format(dt.date.fromisoformat(value), "j M Y")
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ActionView:
    title: str
    facts: list[tuple[str, str]]


@dataclass(frozen=True)
class ChangedAction:
    title: str
    changes: list[Change]


@dataclass(frozen=True)
class DiffView:
    plan_changes: list[Change]
    added: list[ActionView]
    removed: list[ActionView]
    changed: list[ChangedAction]

    @property
    def is_empty(self) -> bool:
        return not (self.plan_changes or self.added or self.removed or self.changed)


def action_view(action: dict[str, Any]) -> ActionView:
    """A snapshot's action with the facts worth reading, in a fixed order."""
    facts = [
        (FIELD_LABELS[name], readable(name, action.get(name)))
        for name in ("kind", "status", "goal", "skills", "due_on", "completed_on", "evidence")
        if action.get(name) not in (None, "", [])
    ]
    return ActionView(title=action["title"], facts=facts)


def diff_view(diff: PlanDiff) -> DiffView:
    def changes(field_changes) -> list[Change]:
        return [
            Change(FIELD_LABELS[c.field], readable(c.field, c.before), readable(c.field, c.after))
            for c in field_changes
        ]

    return DiffView(
        plan_changes=changes(diff.plan_changes),
        added=[action_view(action) for action in diff.added],
        removed=[action_view(action) for action in diff.removed],
        changed=[ChangedAction(c.title, changes(c.changes)) for c in diff.changed],
    )
