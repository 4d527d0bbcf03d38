"""Writes for career ladders, the owner's place on one, self-assessments and win tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from wayfinder.advocacy.ladders import LadderSpec
from wayfinder.advocacy.models import (
    Competency,
    CompetencyGroup,
    Criterion,
    CriterionRating,
    CurrentRating,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    SelfAssessment,
    TargetRating,
    Track,
)
from wayfinder.advocacy.selectors import actions_by_competency
from wayfinder.core.models import Profile
from wayfinder.plan.models import ActionKind, DevelopmentAction
from wayfinder.plan.selectors import open_actions
from wayfinder.plan.services import action_create
from wayfinder.wins.models import Win


class AdvocacyError(ValueError):
    """A request the ladder or assessment rules refuse; the message says why."""


class LadderNameTaken(AdvocacyError):
    """The owner has a ladder of this name already: replacing it is offered."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"You already have a ladder named {name!r}. Tick “Replace my ladder of the same "
            "name” to replace it (your self-assessments of competencies whose keys stay the "
            "same are kept), or give the new one another name."
        )


@transaction.atomic
def ladder_import(
    *, owner: Profile, spec: LadderSpec, source: str = "", replace: bool = False
) -> Ladder:
    """Save a parsed ladder for the owner: tracks, groups, levels ranked in order, and per
    competency and level its expectation and criteria.

    A ladder of the same name is refused, unless `replace`: then it is rebuilt from
    `spec`, keeping the competencies whose keys still match, with their self-assessments
    and win tags, and the owner's place on it where those level codes remain.
    """
    existing = Ladder.objects.for_owner(owner).select_for_update().filter(name=spec.name).first()
    if existing is not None and not replace:
        raise LadderNameTaken(spec.name)
    if existing is not None:
        return _ladder_rebuild(owner=owner, ladder=existing, spec=spec, source=source)
    try:
        # Two imports of one name at once: the unique name decides, the other is refused.
        with transaction.atomic():
            ladder = Ladder.objects.create(
                owner=owner, name=spec.name, description=spec.description, source=source[:100]
            )
    except IntegrityError:
        raise LadderNameTaken(spec.name) from None
    _ladder_fill(owner=owner, ladder=ladder, spec=spec, kept={})
    return ladder


def _ladder_rebuild(*, owner: Profile, ladder: Ladder, spec: LadderSpec, source: str) -> Ladder:
    choice = LadderChoice.objects.for_owner(owner).filter(ladder=ladder).first()
    codes = (
        (choice.current_level.code if choice and choice.current_level else None),
        (choice.target_level.code if choice and choice.target_level else None),
    )
    wanted = {competency.key for competency in spec.competencies}
    competencies = Competency.objects.for_owner(owner).filter(ladder=ladder)
    competencies.exclude(key__in=wanted).delete()
    kept = {competency.key: competency for competency in competencies.filter(key__in=wanted)}
    # Levels take their expectations, criteria and criterion ratings with them.
    LadderLevel.objects.for_owner(owner).filter(ladder=ladder).delete()
    Track.objects.for_owner(owner).filter(ladder=ladder).delete()
    CompetencyGroup.objects.for_owner(owner).filter(ladder=ladder).delete()
    ladder.description = spec.description
    ladder.source = source[:100]
    ladder.save(update_fields=["description", "source", "updated_at"])
    by_code = _ladder_fill(owner=owner, ladder=ladder, spec=spec, kept=kept)
    if choice is not None:
        choice.current_level = by_code.get(codes[0]) if codes[0] else None
        choice.target_level = by_code.get(codes[1]) if codes[1] else None
        choice.save(update_fields=["current_level", "target_level", "updated_at"])
    return ladder


def _ladder_fill(
    *, owner: Profile, ladder: Ladder, spec: LadderSpec, kept: dict[str, Competency]
) -> dict[str, LadderLevel]:
    """Write the spec's rows under `ladder`, updating the `kept` competencies in place."""
    tracks = {
        track.key: track
        for track in Track.objects.bulk_create(
            Track(owner=owner, ladder=ladder, key=track.key, name=track.name, rank=rank)
            for rank, track in enumerate(spec.tracks, start=1)
        )
    }
    groups = {
        group.key: group
        for group in CompetencyGroup.objects.bulk_create(
            CompetencyGroup(
                owner=owner,
                ladder=ladder,
                key=group.key,
                name=group.name,
                summary=group.summary,
                rank=rank,
            )
            for rank, group in enumerate(spec.groups, start=1)
        )
    }
    levels = LadderLevel.objects.bulk_create(
        LadderLevel(
            owner=owner,
            ladder=ladder,
            code=level.code,
            name=level.name,
            name_generated=level.name_generated,
            summary=level.summary,
            rank=rank,
            grade=level.grade or rank,
            track=tracks.get(level.track),
        )
        for rank, level in enumerate(spec.levels, start=1)
    )
    by_code = {level.code: level for level in levels}
    rows = []
    for rank, parsed in enumerate(spec.competencies, start=1):
        competency = kept.get(parsed.key) or Competency(owner=owner, ladder=ladder, key=parsed.key)
        competency.name = parsed.name
        competency.description = parsed.description
        competency.rank = rank
        competency.group = groups.get(parsed.group)
        rows.append(competency)
    Competency.objects.bulk_update(
        [c for c in rows if c.pk], ["name", "description", "rank", "group"]
    )
    Competency.objects.bulk_create([c for c in rows if not c.pk])
    Expectation.objects.bulk_create(
        Expectation(owner=owner, competency=competency, level=by_code[code], text=text)
        for competency, parsed in zip(rows, spec.competencies, strict=True)
        for code, text in parsed.expectations.items()
    )
    Criterion.objects.bulk_create(
        Criterion(
            owner=owner,
            competency=competency,
            level=by_code[code],
            rank=rank,
            text=criterion.text,
            examples="\n".join(criterion.examples),
            proficiency=criterion.proficiency[:100],
        )
        for competency, parsed in zip(rows, spec.competencies, strict=True)
        for code, criteria in parsed.criteria.items()
        for rank, criterion in enumerate(criteria, start=1)
    )
    return by_code


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
    # Grades, not ranks: a level at the same grade on another track is not a step down.
    if current_level and target_level and target_level.grade < current_level.grade:
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
    criteria: dict[Criterion, str] | None = None,
) -> SelfAssessment:
    """Record (or redo, on the same day) the owner's view of one competency, and of each
    of its `criteria` rated on its own (criterion -> a TargetRating; unrated ones left out).
    """
    if competency.owner_id != owner.id:
        raise AdvocacyError("You can only assess a competency of your own ladder.")
    if against_current not in CurrentRating.values:
        raise AdvocacyError(f"{against_current!r} is not a rating against the current level.")
    if against_target not in TargetRating.values:
        raise AdvocacyError(f"{against_target!r} is not a rating against the target level.")
    wins = _own_wins(owner, evidence)
    ratings = criteria or {}
    for criterion, rating in ratings.items():
        if criterion.owner_id != owner.id or criterion.competency_id != competency.pk:
            raise AdvocacyError("A criterion can only be rated with its own competency.")
        if rating not in TargetRating.values:
            raise AdvocacyError(f"{rating!r} is not a rating of a criterion.")
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
    CriterionRating.objects.for_owner(owner).filter(assessment=assessment).delete()
    CriterionRating.objects.bulk_create(
        CriterionRating(owner=owner, assessment=assessment, criterion=criterion, rating=rating)
        for criterion, rating in ratings.items()
    )
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
