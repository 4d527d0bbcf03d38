"""Writes for the development plan, its actions, revisions and opportunities."""

from __future__ import annotations

import datetime as dt

from wayfinder.core.models import Profile
from wayfinder.core.services import skills_get_or_create
from wayfinder.direction.models import Goal
from wayfinder.plan.models import ActionKind, DevelopmentAction, DevelopmentPlan


def plan_get_or_create(*, owner: Profile) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(owner=owner)
    return plan


class PlanError(ValueError):
    """A change to the plan that cannot be made as given; the message says why."""


def action_create(
    *,
    owner: Profile,
    title: str,
    kind: str = ActionKind.OTHER,
    goal: Goal | None = None,
    skills: list[str] = (),
    due_on: dt.date | None = None,
    notes: str = "",
) -> DevelopmentAction:
    """Add a development action to the owner's plan."""
    title = " ".join(title.split())
    if not title:
        raise PlanError("an action needs a title")
    if goal is not None and goal.owner_id != owner.id:
        raise PlanError("an action can only serve one of your own goals")
    action = DevelopmentAction.objects.create(
        owner=owner,
        plan=plan_get_or_create(owner=owner),
        title=title,
        kind=kind,
        goal=goal,
        due_on=due_on,
        notes=notes,
    )
    skill_rows = skills_get_or_create(owner=owner, names=list(skills))
    if skill_rows:
        action.skills.set(skill_rows)
    return action
