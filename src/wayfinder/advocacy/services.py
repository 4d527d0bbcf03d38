"""Writes for career ladders, the owner's place on one, self-assessments and win tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from wayfinder.advocacy.ladders import LadderSpec
from wayfinder.advocacy.models import (
    Competency,
    CurrentRating,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    SelfAssessment,
    TargetRating,
)
from wayfinder.advocacy.selectors import actions_by_competency
from wayfinder.core.models import Profile
from wayfinder.plan.models import ActionKind, DevelopmentAction
from wayfinder.plan.selectors import open_actions
from wayfinder.plan.services import action_create
from wayfinder.wins.models import Win


class AdvocacyError(ValueError):
    """A request the ladder or assessment rules refuse; the message says why."""


@transaction.atomic
def ladder_import(*, owner: Profile, spec: LadderSpec, source: str = "") -> Ladder:
    """Save a parsed ladder for the owner: levels ranked in order, expectations per level."""
    taken = AdvocacyError(
        f"You already have a ladder named {spec.name!r}; delete it or rename the new one."
    )
    if Ladder.objects.for_owner(owner).filter(name=spec.name).exists():
        raise taken
    try:
        # Two imports of one name at once: the unique name decides, the other is refused.
        with transaction.atomic():
            ladder = Ladder.objects.create(
                owner=owner, name=spec.name, description=spec.description, source=source[:100]
            )
    except IntegrityError:
        raise taken from None
    levels = LadderLevel.objects.bulk_create(
        LadderLevel(
            owner=owner,
            ladder=ladder,
            code=level.code,
            name=level.name,
            summary=level.summary,
            rank=rank,
        )
        for rank, level in enumerate(spec.levels, start=1)
    )
    by_code = {level.code: level for level in levels}
    competencies = Competency.objects.bulk_create(
        Competency(
            owner=owner,
            ladder=ladder,
            key=competency.key,
            name=competency.name,
            description=competency.description,
            rank=rank,
        )
        for rank, competency in enumerate(spec.competencies, start=1)
    )
    Expectation.objects.bulk_create(
        Expectation(owner=owner, competency=competency, level=by_code[code], text=text)
        for competency, parsed in zip(competencies, spec.competencies, strict=True)
        for code, text in parsed.expectations.items()
    )
    return ladder


@transaction.atomic
def ladder_choose(
    *,
    owner: Profile,
    ladder: Ladder,
    current_level: LadderLevel | None,
    target_level: LadderLevel | None,
) -> LadderChoice:
    """Measure the owner against `ladder`, from `current_level` towards `target_level`."""
    if ladder.owner_id != owner.id:
        raise AdvocacyError("You can only choose one of your own ladders.")
    for level in (current_level, target_level):
        if level is not None and level.ladder_id != ladder.id:
            raise AdvocacyError(f"The level {level} is not on the ladder {ladder}.")
    if current_level and target_level and target_level.rank < current_level.rank:
        raise AdvocacyError("The target level cannot be below your current level.")
    choice, _ = LadderChoice.objects.for_owner(owner).update_or_create(
        owner=owner,
        defaults={
            "ladder": ladder,
            "current_level": current_level,
            "target_level": target_level,
        },
    )
    return choice


def ladder_delete(*, owner: Profile, ladder: Ladder) -> None:
    """Delete a ladder with its levels, competencies, expectations and assessments."""
    if ladder.owner_id != owner.id:
        raise AdvocacyError("You can only delete one of your own ladders.")
    ladder.delete()


def _own_wins(owner: Profile, wins: Iterable[Win]) -> list[Win]:
    wins = list(wins)
    if any(win.owner_id != owner.id for win in wins):
        raise AdvocacyError("Evidence can only be your own wins.")
    return wins


@transaction.atomic
def assessment_record(
    *,
    owner: Profile,
    competency: Competency,
    assessed_on: dt.date,
    against_current: str,
    against_target: str,
    notes: str = "",
    evidence: Iterable[Win] = (),
) -> SelfAssessment:
    """Record (or redo, on the same day) the owner's view of one competency."""
    if competency.owner_id != owner.id:
        raise AdvocacyError("You can only assess a competency of your own ladder.")
    if against_current not in CurrentRating.values:
        raise AdvocacyError(f"{against_current!r} is not a rating against the current level.")
    if against_target not in TargetRating.values:
        raise AdvocacyError(f"{against_target!r} is not a rating against the target level.")
    wins = _own_wins(owner, evidence)
    assessment, _ = SelfAssessment.objects.for_owner(owner).update_or_create(
        owner=owner,
        competency=competency,
        assessed_on=assessed_on,
        defaults={
            "against_current": against_current,
            "against_target": against_target,
            "notes": notes.strip(),
        },
    )
    assessment.evidence.set(wins)
    return assessment


@transaction.atomic
def win_competencies_set(
    *, owner: Profile, win: Win, competencies: Iterable[Competency]
) -> list[Competency]:
    """Tag a win with the competencies it shows (replacing its earlier tags)."""
    if win.owner_id != owner.id:
        raise AdvocacyError("You can only tag your own wins.")
    competencies = list(competencies)
    if any(competency.owner_id != owner.id for competency in competencies):
        raise AdvocacyError("You can only tag a win with your own ladder's competencies.")
    win.competencies.set(competencies)
    return competencies


@transaction.atomic
def gap_to_action(
    *, owner: Profile, competency: Competency, target: LadderLevel, due_on: dt.date | None = None
) -> tuple[DevelopmentAction, bool]:
    """Turn a readiness gap into a development action, its notes pointing back to the gap;
    (the action, True) when it was added. A gap some open action already plans (one whose
    title names the competency, as readiness reads it) is not planned twice: that action
    comes back with False.

    Two presses at once queue on the competency's row (SELECT ... FOR UPDATE on PostgreSQL,
    the write lock on SQLite), so the second one finds the action the first one added.
    """
    if competency.owner_id != owner.id or target.owner_id != owner.id:
        raise AdvocacyError("You can only plan for a competency of your own ladder.")
    competency = (
        Competency.objects.for_owner(owner)
        .select_for_update()
        .select_related("ladder")
        .get(pk=competency.pk)
    )
    ladder = list(Competency.objects.for_owner(owner).filter(ladder_id=competency.ladder_id))
    planned = actions_by_competency(ladder, open_actions(owner=owner))[competency.pk]
    if planned:
        return planned[0], False
    expectation = (
        Expectation.objects.for_owner(owner).filter(competency=competency, level=target).first()
    )
    notes = f"From the readiness gap in {competency.name} for {target} ({competency.ladder})."
    if expectation is not None:
        notes += f"\nExpected at {target.code}: {expectation.text}"
    action = action_create(
        owner=owner,
        title=f"Close the gap in {competency.name} for {target.code}"[:200],
        kind=ActionKind.STRETCH,
        due_on=due_on,
        notes=notes,
    )
    return action, True
