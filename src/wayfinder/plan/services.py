"""Writes for the development plan, its actions, revisions and opportunities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TypedDict, Unpack

from django.db import models, transaction
from django.db.models import Max

from wayfinder.core.checks import clean_title, ensure_owned, reject_unknown
from wayfinder.core.models import Profile
from wayfinder.core.services import skills_get_or_create
from wayfinder.direction.models import Goal
from wayfinder.experiments.models import Experiment
from wayfinder.network.models import Person
from wayfinder.plan.models import (
    ActionKind,
    ActionStatus,
    DevelopmentAction,
    DevelopmentPlan,
    Opportunity,
    OpportunityKind,
    OpportunitySource,
    OpportunityStatus,
    PlanRevision,
)
from wayfinder.plan.revisions import plan_snapshot


def plan_get_or_create(*, owner: Profile) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(owner=owner)
    return plan


class PlanError(ValueError):
    """A change to the plan that cannot be made as given; the message says why."""


_ensure_owned = partial(ensure_owned, error=PlanError)
_clean_title = partial(clean_title, error=PlanError)


def _check_choice(value: str, choices: type[models.TextChoices], what: str) -> None:
    if value not in choices.values:
        raise PlanError(f"unknown {what} {value!r}: use one of {', '.join(choices.values)}")


class PlanChanges(TypedDict, total=False):
    title: str
    focus: str


@transaction.atomic
def plan_update(*, owner: Profile, **changes: Unpack[PlanChanges]) -> DevelopmentPlan:
    """Rename the plan or restate its focus."""
    reject_unknown(changes, PlanChanges)
    plan = plan_get_or_create(owner=owner)
    if "title" in changes:
        plan.title = _clean_title(changes["title"], what="the plan", model=DevelopmentPlan)
    if "focus" in changes:
        plan.focus = changes["focus"].strip()
    plan.save()
    return plan


@transaction.atomic
def action_create(
    *,
    owner: Profile,
    title: str,
    kind: str = ActionKind.OTHER,
    goal: Goal | None = None,
    skills: Sequence[str] = (),
    due_on: dt.date | None = None,
    notes: str = "",
) -> DevelopmentAction:
    """Add a development action to the owner's plan."""
    title = _clean_title(title, what="an action", model=DevelopmentAction)
    _check_choice(kind, ActionKind, "action type")
    if goal is not None and goal.owner_id != owner.id:
        raise PlanError("an action can only serve one of your own goals")
    action = DevelopmentAction.objects.create(
        owner=owner,
        plan=plan_get_or_create(owner=owner),
        title=title,
        kind=kind,
        goal=goal,
        due_on=due_on,
        notes=notes.strip(),
    )
    skill_rows = skills_get_or_create(owner=owner, names=list(skills), error=PlanError)
    if skill_rows:
        action.skills.set(skill_rows)
    return action


class ActionChanges(TypedDict, total=False):
    title: str
    kind: str
    goal: Goal | None
    skills: list[str]
    due_on: dt.date | None
    evidence: str
    notes: str


@transaction.atomic
def action_update(
    *, owner: Profile, action: DevelopmentAction, **changes: Unpack[ActionChanges]
) -> DevelopmentAction:
    """Edit an action; only the fields given change. `skills` replaces the whole set."""
    _ensure_owned(owner, action, "action")
    reject_unknown(changes, ActionChanges)
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"], what="an action", model=DevelopmentAction)
    if "kind" in changes:
        _check_choice(changes["kind"], ActionKind, "action type")
    if (goal := changes.get("goal")) is not None and goal.owner_id != owner.id:
        raise PlanError("an action can only serve one of your own goals")
    skills = changes.pop("skills", None)
    for name, value in changes.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    action.save()
    if skills is not None:
        action.skills.set(skills_get_or_create(owner=owner, names=list(skills), error=PlanError))
    return action


def _ensure_not_done(action: DevelopmentAction) -> None:
    if action.status == ActionStatus.DONE:
        raise PlanError(f"{action.title!r} is already done (on {action.completed_on})")


def _ensure_open(action: DevelopmentAction) -> None:
    _ensure_not_done(action)
    if action.status == ActionStatus.DROPPED:
        raise PlanError(f"{action.title!r} was dropped; start it again first")


@transaction.atomic
def action_start(*, owner: Profile, action: DevelopmentAction) -> DevelopmentAction:
    """Mark an action in progress; a dropped action can be taken up again this way."""
    _ensure_owned(owner, action, "action")
    _ensure_not_done(action)
    action.status = ActionStatus.IN_PROGRESS
    action.save(update_fields=["status"])
    return action


@transaction.atomic
def action_complete(
    *, owner: Profile, action: DevelopmentAction, today: dt.date, evidence: str = ""
) -> DevelopmentAction:
    """Mark an action done today, with what shows it was done (kept if none is given)."""
    _ensure_owned(owner, action, "action")
    _ensure_open(action)
    action.status = ActionStatus.DONE
    action.completed_on = today
    if evidence.strip():
        action.evidence = evidence.strip()
    action.save(update_fields=["status", "completed_on", "evidence"])
    return action


@transaction.atomic
def action_drop(*, owner: Profile, action: DevelopmentAction) -> DevelopmentAction:
    """Take an action off the plan; it stays in the record (and in revisions) as dropped."""
    _ensure_owned(owner, action, "action")
    _ensure_not_done(action)
    action.status = ActionStatus.DROPPED
    action.save(update_fields=["status"])
    return action


@transaction.atomic
def action_reschedule(
    *, owner: Profile, action: DevelopmentAction, due_on: dt.date, today: dt.date
) -> DevelopmentAction:
    """Give an open action a new due date, today or later."""
    _ensure_owned(owner, action, "action")
    _ensure_open(action)
    if due_on < today:
        raise PlanError(f"the new due date {due_on} is already past; pick today or later")
    action.due_on = due_on
    action.save(update_fields=["due_on"])
    return action


@transaction.atomic
def action_delete(*, owner: Profile, action: DevelopmentAction) -> None:
    """Delete an action outright; revisions taken before keep it in their snapshots."""
    _ensure_owned(owner, action, "action")
    action.delete()


@transaction.atomic
def plan_revise(*, owner: Profile, today: dt.date, note: str = "") -> PlanRevision:
    """Take a dated snapshot of the whole plan as its next numbered revision."""
    plan_get_or_create(owner=owner)
    # Lock the plan so two revisions cannot take the same number.
    plan = DevelopmentPlan.objects.for_owner(owner).select_for_update().get()
    last = plan.revisions.aggregate(number=Max("number"), revised_on=Max("revised_on"))
    if last["revised_on"] is not None and today < last["revised_on"]:
        raise PlanError(
            f"the plan was last revised on {last['revised_on']}; "
            "a new revision cannot be dated before that"
        )
    return PlanRevision.objects.create(
        owner=owner,
        plan=plan,
        number=(last["number"] or 0) + 1,
        revised_on=today,
        note=note.strip(),
        snapshot=plan_snapshot(plan=plan),
    )


def _check_opportunity_links(
    owner: Profile,
    brought_by: Person | None,
    goal: Goal | None,
    experiment: Experiment | None,
) -> None:
    _ensure_owned(owner, brought_by, "person")
    _ensure_owned(owner, goal, "goal")
    _ensure_owned(owner, experiment, "experiment")


@transaction.atomic
def opportunity_create(
    *,
    owner: Profile,
    title: str,
    spotted_on: dt.date,
    kind: str = OpportunityKind.STRETCH,
    source: str = OpportunitySource.SELF,
    description: str = "",
    brought_by: Person | None = None,
    goal: Goal | None = None,
    experiment: Experiment | None = None,
) -> Opportunity:
    """Note an opportunity as spotted: who brought it, and what goal or experiment it serves."""
    title = _clean_title(title, what="an opportunity", model=Opportunity)
    _check_choice(kind, OpportunityKind, "opportunity type")
    _check_choice(source, OpportunitySource, "source")
    _check_opportunity_links(owner, brought_by, goal, experiment)
    return Opportunity.objects.create(
        owner=owner,
        title=title,
        spotted_on=spotted_on,
        kind=kind,
        source=source,
        description=description.strip(),
        brought_by=brought_by,
        goal=goal,
        experiment=experiment,
    )


class OpportunityChanges(TypedDict, total=False):
    title: str
    description: str
    kind: str
    source: str
    spotted_on: dt.date
    brought_by: Person | None
    goal: Goal | None
    experiment: Experiment | None


@transaction.atomic
def opportunity_update(
    *, owner: Profile, opportunity: Opportunity, **changes: Unpack[OpportunityChanges]
) -> Opportunity:
    """Edit an opportunity; only the fields given change (None clears a link)."""
    _ensure_owned(owner, opportunity, "opportunity")
    reject_unknown(changes, OpportunityChanges)
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"], what="an opportunity", model=Opportunity)
    if "kind" in changes:
        _check_choice(changes["kind"], OpportunityKind, "opportunity type")
    if "source" in changes:
        _check_choice(changes["source"], OpportunitySource, "source")
    spotted_on = changes.get("spotted_on")
    if spotted_on and opportunity.decided_on and spotted_on > opportunity.decided_on:
        raise PlanError(f"it was decided on {opportunity.decided_on}, so it was spotted before")
    _check_opportunity_links(
        owner, changes.get("brought_by"), changes.get("goal"), changes.get("experiment")
    )
    for name, value in changes.items():
        setattr(opportunity, name, value.strip() if isinstance(value, str) else value)
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_move(
    *, owner: Profile, opportunity: Opportunity, status: str, today: dt.date
) -> Opportunity:
    """Move an opportunity along the pipeline; securing or declining it dates the decision."""
    _ensure_owned(owner, opportunity, "opportunity")
    _check_choice(status, OpportunityStatus, "status")
    decided = status in (OpportunityStatus.SECURED, OpportunityStatus.DECLINED)
    if decided and today < opportunity.spotted_on:
        raise PlanError(f"it was spotted on {opportunity.spotted_on}; decide on or after that")
    opportunity.status = status
    opportunity.decided_on = today if decided else None
    opportunity.save(update_fields=["status", "decided_on"])
    return opportunity


@transaction.atomic
def opportunity_delete(*, owner: Profile, opportunity: Opportunity) -> None:
    """Delete an opportunity noted by mistake; a declined one is better kept as declined."""
    _ensure_owned(owner, opportunity, "opportunity")
    opportunity.delete()
