"""Plan revisions: the snapshot of the whole plan, and the difference between two."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from wayfinder.plan.models import DevelopmentAction, DevelopmentPlan

# Bumped if the snapshot's shape changes, so old revisions can still be read.
SNAPSHOT_FORMAT = 1
PLAN_FIELDS = ("title", "focus")
ACTION_FIELDS = (
    "title",
    "kind",
    "goal",
    "skills",
    "due_on",
    "status",
    "completed_on",
    "evidence",
    "notes",
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def plan_snapshot(*, plan: DevelopmentPlan) -> dict[str, Any]:
    """The whole plan as plain JSON: plan fields and every action, whatever its status.

    Read as plain values (two queries): a plan of hundreds of actions is snapshotted on
    every plan page to tell what changed since the last revision.
    """
    rows = list(
        DevelopmentAction.objects.filter(plan=plan)
        .order_by(F("due_on").asc(nulls_last=True), "id")
        .values(
            "id",
            "uid",
            "title",
            "kind",
            "goal__title",
            "due_on",
            "status",
            "completed_on",
            "evidence",
            "notes",
        )
    )
    skills: dict[int, list[str]] = {}
    links = DevelopmentAction.skills.through.objects.filter(
        developmentaction__plan=plan
    ).values_list("developmentaction_id", "skill__name")
    for action_id, name in links:
        skills.setdefault(action_id, []).append(name)
    return {
        "format": SNAPSHOT_FORMAT,
        "plan": {"title": plan.title, "focus": plan.focus},
        "actions": [
            {
                "uid": str(row["uid"]),
                "title": row["title"],
                "kind": row["kind"],
                "goal": row["goal__title"],
                "skills": sorted(skills.get(row["id"], []), key=str.casefold),
                "due_on": _iso(row["due_on"]),
                "status": row["status"],
                "completed_on": _iso(row["completed_on"]),
                "evidence": row["evidence"],
                "notes": row["notes"],
            }
            for row in rows
        ],
    }


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ActionChange:
    uid: str
    title: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class PlanDiff:
    """What changed from one snapshot to another. Actions are matched by uid, so
    reordering is not a change; `added`/`removed` hold the snapshot's action dicts."""

    plan_changes: list[FieldChange] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ActionChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.plan_changes or self.added or self.removed or self.changed)


def _field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: tuple[str, ...]
) -> list[FieldChange]:
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in fields
        if before.get(name) != after.get(name)
    ]


def snapshot_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> PlanDiff:
    """How the plan in `after` differs from the plan in `before`."""
    old = {a["uid"]: a for a in before.get("actions", [])}
    new = {a["uid"]: a for a in after.get("actions", [])}
    changed = []
    for uid, action in new.items():
        if uid in old:
            changes = _field_changes(old[uid], action, ACTION_FIELDS)
            if changes:
                changed.append(ActionChange(uid=uid, title=action["title"], changes=changes))
    return PlanDiff(
        plan_changes=_field_changes(before.get("plan", {}), after.get("plan", {}), PLAN_FIELDS),
        added=[a for uid, a in new.items() if uid not in old],
        removed=[a for uid, a in old.items() if uid not in new],
        changed=changed,
    )
