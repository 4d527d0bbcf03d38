"""Reads for ladders, the owner's place on one, readiness and assessments over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from wayfinder.advocacy.models import (
    Competency,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    SelfAssessment,
    TargetRating,
)
from wayfinder.core.models import Profile
from wayfinder.wins.models import ImpactMetric, Win


def ladder_list(*, owner: Profile) -> QuerySet[Ladder]:
    return Ladder.objects.for_owner(owner)


def ladder_choice(*, owner: Profile) -> LadderChoice | None:
    return (
        LadderChoice.objects.for_owner(owner)
        .select_related("ladder", "current_level", "target_level")
        .first()
    )


def ladder_levels(*, owner: Profile, ladder: Ladder) -> QuerySet[LadderLevel]:
    return LadderLevel.objects.for_owner(owner).filter(ladder=ladder)


def ladder_grid(*, owner: Profile, ladder: Ladder) -> tuple[list[LadderLevel], list[dict]]:
    """The levels, and per competency (level, its expectation or "") for each level."""
    levels = list(ladder_levels(owner=owner, ladder=ladder))
    texts = {
        (e.competency_id, e.level_id): e.text
        for e in Expectation.objects.for_owner(owner).filter(competency__ladder=ladder)
    }
    rows = [
        {"competency": c, "cells": [(level, texts.get((c.id, level.id), "")) for level in levels]}
        for c in Competency.objects.for_owner(owner).filter(ladder=ladder)
    ]
    return levels, rows


def competencies_of_choice(*, owner: Profile) -> QuerySet[Competency]:
    """The competencies of the ladder the owner chose (none without a choice)."""
    choice = LadderChoice.objects.for_owner(owner).values_list("ladder_id", flat=True).first()
    return Competency.objects.for_owner(owner).filter(ladder_id=choice)


# Readiness looks at recent work: tagged wins older than this do not count as evidence.
EVIDENCE_DAYS = 730


def _wins_with_metrics(owner: Profile, since: dt.date) -> Prefetch:
    return Prefetch(
        "wins",
        queryset=Win.objects.for_owner(owner)
        .filter(occurred_on__gte=since)
        .prefetch_related(Prefetch("metrics", queryset=ImpactMetric.objects.for_owner(owner))),
        to_attr="tagged_wins",
    )


@dataclass
class Readiness:
    """One competency against the target level: what is expected, shown, and missing."""

    competency: Competency
    expectation: str
    assessment: SelfAssessment | None
    evidence: list[Win] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.gaps


def readiness(*, owner: Profile, today: dt.date) -> tuple[LadderChoice | None, list[Readiness]]:
    """Per competency of the target level, the expectation, the evidence and the gaps.

    Evidence is the wins of the last two years tagged with the competency and the wins
    offered in its latest self-assessment. A gap is no evidence, a latest assessment of
    "not yet" against the target, or no assessment at all.
    """
    choice = ladder_choice(owner=owner)
    if choice is None or choice.target_level is None:
        return choice, []
    target = choice.target_level
    expectations = {
        e.competency_id: e.text for e in Expectation.objects.for_owner(owner).filter(level=target)
    }
    latest: dict[int, SelfAssessment] = {}
    assessments = (
        SelfAssessment.objects.for_owner(owner)
        .filter(competency__ladder=choice.ladder)
        .order_by("competency_id", "-assessed_on")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Win.objects.for_owner(owner).prefetch_related(
                    Prefetch("metrics", queryset=ImpactMetric.objects.for_owner(owner))
                ),
            )
        )
    )
    # Only the latest per competency is needed; older ones are skipped before prefetching.
    ids = {}
    for pk, competency_id in assessments.values_list("pk", "competency_id"):
        ids.setdefault(competency_id, pk)
    for assessment in assessments.filter(pk__in=ids.values()):
        latest[assessment.competency_id] = assessment
    rows = []
    competencies = (
        Competency.objects.for_owner(owner)
        .filter(ladder=choice.ladder)
        .prefetch_related(_wins_with_metrics(owner, today - dt.timedelta(days=EVIDENCE_DAYS)))
    )
    for competency in competencies:
        assessment = latest.get(competency.id)
        evidence = {win.pk: win for win in competency.tagged_wins}
        if assessment is not None:
            for win in assessment.evidence.all():
                evidence.setdefault(win.pk, win)
        row = Readiness(
            competency=competency,
            expectation=expectations.get(competency.id, ""),
            assessment=assessment,
            evidence=sorted(evidence.values(), key=lambda w: (w.occurred_on, w.pk), reverse=True),
        )
        if not row.evidence:
            row.gaps.append("No evidence yet: tag a win with this competency.")
        if assessment is None:
            row.gaps.append("Not assessed yet.")
        elif assessment.against_target == TargetRating.NOT_YET:
            row.gaps.append(f"You rated yourself not yet at {target.code}.")
        rows.append(row)
    return choice, rows


def assessment_dates(*, owner: Profile) -> list[dt.date]:
    """The days the owner assessed themselves, newest first."""
    return list(
        SelfAssessment.objects.for_owner(owner)
        .order_by("-assessed_on")
        .values_list("assessed_on", flat=True)
        .distinct()
    )


def assessment_history(*, owner: Profile) -> QuerySet[SelfAssessment]:
    return (
        SelfAssessment.objects.for_owner(owner)
        .select_related("competency")
        .prefetch_related(Prefetch("evidence", queryset=Win.objects.for_owner(owner)))
    )


def assessment_compare(
    *, owner: Profile, then: dt.date, now: dt.date
) -> list[tuple[Competency, SelfAssessment | None, SelfAssessment | None]]:
    """Per competency of the chosen ladder, the latest assessment on or before each date."""
    competencies = list(competencies_of_choice(owner=owner))
    on_or_before: dict[dt.date, dict[int, SelfAssessment]] = {then: {}, now: {}}
    rows = (
        SelfAssessment.objects.for_owner(owner)
        .filter(competency__in=competencies, assessed_on__lte=max(then, now))
        .order_by("assessed_on")
    )
    for assessment in rows:
        for day, found in on_or_before.items():
            if assessment.assessed_on <= day:
                found[assessment.competency_id] = assessment
    return [(c, on_or_before[then].get(c.id), on_or_before[now].get(c.id)) for c in competencies]
