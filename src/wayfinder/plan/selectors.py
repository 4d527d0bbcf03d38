"""Reads for the development plan: actions by urgency, revisions, opportunities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Window,
    prefetch_related_objects,
)
from django.db.models.expressions import OrderBy

from wayfinder.core.models import Profile, Skill
from wayfinder.direction.models import Goal
from wayfinder.network.candidates import SkillNeed
from wayfinder.plan.models import (
    ActionKind,
    ActionQuerySet,
    ActionStatus,
    DevelopmentAction,
    DevelopmentPlan,
    Opportunity,
    OpportunityStatus,
    PlanRevision,
)
from wayfinder.plan.revisions import PlanDiff, plan_snapshot, snapshot_diff
from wayfinder.plan.services import PlanError


def _skills() -> Prefetch:
    return Prefetch("skills", queryset=Skill.objects.order_by("name"))


def _actions(owner: Profile) -> ActionQuerySet:
    """The owner's actions with their goal and skills, ready for a list (2 queries)."""
    return (
        DevelopmentAction.objects.for_owner(owner)
        .select_related("goal")
        .prefetch_related(_skills())
    )


def actions_with_skills(actions: list[DevelopmentAction]) -> list[DevelopmentAction]:
    """Actions read without their skills (several lists, say) given them in one query, as
    a list from `action_list` holds them."""
    prefetch_related_objects(actions, _skills())
    return actions


def open_actions(*, owner: Profile) -> QuerySet[DevelopmentAction]:
    """Actions still to do (`ActionQuerySet.open`), soonest due first, undated last."""
    return (
        DevelopmentAction.objects.for_owner(owner)
        .open()
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )


def overdue_actions(*, owner: Profile, today: dt.date) -> QuerySet[DevelopmentAction]:
    """Open actions due before today, oldest first (`ActionQuerySet.overdue_on`)."""
    return _actions(owner).overdue_on(today).order_by("due_on", "id")


@dataclass(frozen=True)
class ActionLine:
    """What a line about an action shows: its title and due date (its id for the link)."""

    pk: int
    title: str
    due_on: dt.date | None


def overdue_lines(*, owner: Profile, today: dt.date, first: int) -> tuple[int, list[ActionLine]]:
    """How many actions are overdue (`overdue_actions`) and the `first` oldest of them, as
    lines: one query (the count is a window over every overdue action, taken before the
    slice), with no goal or skills read. The rows are read as actions (`only`), so an
    outward reader gets them through the privacy projection like any other."""
    actions = list(
        _lines_of(overdue_actions(owner=owner, today=today)).annotate(
            overdue_total=Window(Count("*"))
        )[:first]
    )
    lines = [ActionLine(a.pk, a.title, a.due_on) for a in actions]
    return (actions[0].overdue_total if actions else 0), lines


def due_soon_lines(*, owner: Profile, today: dt.date, days: int = 14) -> list[ActionLine]:
    """`due_soon_actions` as lines: their title and due date, with no goal or skills read
    (read as actions, through the privacy projection when reading outward)."""
    actions = _lines_of(due_soon_actions(owner=owner, today=today, days=days))
    return [ActionLine(a.pk, a.title, a.due_on) for a in actions]


def _lines_of(actions: QuerySet[DevelopmentAction]) -> QuerySet[DevelopmentAction]:
    return actions.select_related(None).prefetch_related(None).only("pk", "title", "due_on")


def due_soon_actions(
    *, owner: Profile, today: dt.date, days: int = 14
) -> QuerySet[DevelopmentAction]:
    """Open actions due from today to `days` days ahead, both days included."""
    if days < 0:
        raise PlanError("look ahead zero or more days")
    return (
        _actions(owner)
        .open()
        .filter(
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=days),
        )
        .order_by("due_on", "id")
    )


def actions_completed_since(
    *, owner: Profile, since: dt.date, until: dt.date | None = None
) -> QuerySet[DevelopmentAction]:
    """Actions done on or after `since` (and on or before `until`, if given), most recent
    first."""
    done = _actions(owner).filter(status=ActionStatus.DONE, completed_on__gte=since)
    if until is not None:
        done = done.filter(completed_on__lte=until)
    return done.order_by("-completed_on", "-id")


def action_order(status: str | None) -> tuple[OrderBy | str, ...]:
    """The order a list of actions reads in: done ones by the day they were done, the most
    recent first (what was just finished leads, the old ones page away); all others
    soonest due first, undated last."""
    if status == ActionStatus.DONE:
        return (F("completed_on").desc(nulls_last=True), "-id")
    return (F("due_on").asc(nulls_last=True), "id")


def action_list(
    *,
    owner: Profile,
    status: str | None = None,
    goal: Goal | None = None,
    kind: str | None = None,
) -> QuerySet[DevelopmentAction]:
    """The owner's actions narrowed by what is given, in `action_order` for the status."""
    actions = _actions(owner)
    if status is not None:
        if status not in ActionStatus.values:
            raise PlanError(f"unknown action status {status!r}")
        actions = actions.filter(status=status)
    if kind is not None:
        if kind not in ActionKind.values:
            raise PlanError(f"unknown action type {kind!r}")
        actions = actions.filter(kind=kind)
    if goal is not None:
        if goal.owner_id != owner.id:
            raise PlanError("that goal is not one of yours")
        actions = actions.filter(goal=goal)
    return actions.order_by(*action_order(status))


def plan_revisions(*, owner: Profile) -> QuerySet[PlanRevision]:
    """Every revision, newest first, without the snapshots (load one to compare)."""
    return PlanRevision.objects.for_owner(owner).defer("snapshot").order_by("-number")


def plan_last_revised_on(*, owner: Profile) -> dt.date | None:
    return PlanRevision.objects.for_owner(owner).aggregate(last=Max("revised_on"))["last"]


def plan_days_since_revision(*, owner: Profile, today: dt.date) -> int | None:
    """Days since the plan was last revised; None if it never was."""
    last = plan_last_revised_on(owner=owner)
    return None if last is None else (today - last).days


def plan_has_actions(*, owner: Profile) -> bool:
    """Whether the plan holds any development action, in any status."""
    return DevelopmentAction.objects.for_owner(owner).exists()


def plan_started_on(*, owner: Profile) -> dt.date | None:
    """The day the plan began: its first action was added or the plan written down, the
    earlier of the two (UTC); None while there is neither. One query: an action belongs
    to a plan, so the owner's plans joined with their actions hold both."""
    first = DevelopmentPlan.objects.for_owner(owner).aggregate(
        plan=Min("created_at"),
        action=Min("actions__created_at", filter=Q(actions__owner=owner)),
    )
    found = [moment for moment in first.values() if moment is not None]
    return min(found).date() if found else None


def plan_collecting_dust(*, days_since_revision: int | None, after_days: int) -> bool:
    """A revised plan collects dust once its last revision is more than `after_days` old
    (the owner's `plan_revision_days`); a plan never revised is not dusty but unrevised."""
    return days_since_revision is not None and days_since_revision > after_days


@dataclass(frozen=True)
class RevisionDiff:
    from_revision: PlanRevision
    to_revision: PlanRevision
    diff: PlanDiff


def plan_revision_diff(*, older: PlanRevision, newer: PlanRevision) -> RevisionDiff:
    """What changed between two revisions of one plan. They may be given in either order:
    the diff always reads from the lower-numbered revision to the higher-numbered one."""
    if older.plan_id != newer.plan_id or older.owner_id != newer.owner_id:
        raise PlanError("only two revisions of the same plan can be compared")
    first, second = sorted((older, newer), key=lambda revision: revision.number)
    return RevisionDiff(
        from_revision=first,
        to_revision=second,
        diff=snapshot_diff(first.snapshot, second.snapshot),
    )


def plan_unrevised_changes(*, owner: Profile) -> PlanDiff | None:
    """What changed in the plan since its last revision; None if it was never revised."""
    last = PlanRevision.objects.for_owner(owner).order_by("-number").select_related("plan").first()
    if last is None:
        return None
    return snapshot_diff(last.snapshot, plan_snapshot(plan=last.plan))


@dataclass(frozen=True)
class PipelineStage:
    status: str
    label: str
    opportunities: list[Opportunity]


def opportunity_pipeline(*, owner: Profile) -> list[PipelineStage]:
    """Opportunities in pipeline order (spotted, pursued, secured, declined): 1 query."""
    stages = {
        status: PipelineStage(status=status, label=str(label), opportunities=[])
        for status, label in OpportunityStatus.choices
    }
    opportunities = (
        Opportunity.objects.for_owner(owner)
        .select_related("brought_by", "goal", "experiment")
        .order_by("-spotted_on", "title", "id")
    )
    for opportunity in opportunities:
        stages[opportunity.status].opportunities.append(opportunity)
    return list(stages.values())


def skill_needs(*, owner: Profile) -> list[SkillNeed]:
    """The skills the open actions (`ActionQuerySet.open`) build, each with its action and
    the goal that action serves: what mentor candidates are matched on. One query."""
    links = (
        DevelopmentAction.skills.through.objects.filter(
            developmentaction__in=DevelopmentAction.objects.for_owner(owner).open()
        )
        .order_by("skill__name", "developmentaction__title", "developmentaction_id")
        .values_list("skill__name", "developmentaction__title", "developmentaction__goal__title")
    )
    return [SkillNeed(skill=skill, action=action, goal=goal) for skill, action, goal in links]


def opportunity_list(*, owner: Profile, status: str | None = None) -> QuerySet[Opportunity]:
    """Opportunities latest spotted first, of one status if given: the list the API pages
    through (the pipeline above groups the same rows by status)."""
    opportunities = Opportunity.objects.for_owner(owner)
    if status is not None:
        if status not in OpportunityStatus.values:
            raise PlanError(f"unknown opportunity status {status!r}")
        opportunities = opportunities.filter(status=status)
    return opportunities.order_by("-spotted_on", "title", "id")
