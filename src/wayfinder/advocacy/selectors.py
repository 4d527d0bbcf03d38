"""Reads for ladders, the owner's place on one, readiness and assessments over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from wayfinder.advocacy.models import (
    Competency,
    Criterion,
    CriterionRating,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    SelfAssessment,
    TargetRating,
)
from wayfinder.core.models import Profile
from wayfinder.plan.models import DevelopmentAction
from wayfinder.plan.selectors import open_actions
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
    """The levels, and per competency (in its group) for each level: the level, its
    expectation or "", and its criteria."""
    levels = list(ladder_levels(owner=owner, ladder=ladder).select_related("track"))
    texts = {
        (e.competency_id, e.level_id): e.text
        for e in Expectation.objects.for_owner(owner).filter(competency__ladder=ladder)
    }
    criteria: dict[tuple[int, int], list[Criterion]] = {}
    for criterion in Criterion.objects.for_owner(owner).filter(competency__ladder=ladder):
        criteria.setdefault((criterion.competency_id, criterion.level_id), []).append(criterion)
    rows = [
        {
            "competency": c,
            "cells": [
                (level, texts.get((c.id, level.id), ""), criteria.get((c.id, level.id), []))
                for level in levels
            ],
        }
        for c in Competency.objects.for_owner(owner).filter(ladder=ladder).select_related("group")
    ]
    return levels, rows


def criteria_to_assess(*, owner: Profile, competency: Competency) -> list[Criterion]:
    """The criteria of `competency` at the owner's target level, to rate one by one."""
    choice = ladder_choice(owner=owner)
    if choice is None or choice.target_level_id is None:
        return []
    return list(
        Criterion.objects.for_owner(owner).filter(
            competency=competency, level_id=choice.target_level_id
        )
    )


def competencies_of_choice(*, owner: Profile) -> QuerySet[Competency]:
    """The competencies of the ladder the owner chose (none without a choice)."""
    choice = LadderChoice.objects.for_owner(owner).values_list("ladder_id", flat=True).first()
    return Competency.objects.for_owner(owner).filter(ladder_id=choice)


# Readiness looks at recent work: tagged wins older than this do not count as evidence.
EVIDENCE_DAYS = 730

# Why a competency is a gap on the target level (a row may have several reasons).
NO_EVIDENCE, NOT_ASSESSED, RATED_NOT_YET = "no_evidence", "not_assessed", "rated_not_yet"


def _wins_with_metrics(owner: Profile, since: dt.date, until: dt.date) -> Prefetch:
    return Prefetch(
        "wins",
        queryset=Win.objects.for_owner(owner)
        .filter(occurred_on__gte=since, occurred_on__lte=until)
        .prefetch_related(Prefetch("metrics", queryset=ImpactMetric.objects.for_owner(owner))),
        to_attr="tagged_wins",
    )


@dataclass
class Readiness:
    """One competency against the target level: what is expected, shown, missing, planned."""

    competency: Competency
    expectation: str
    assessment: SelfAssessment | None
    target_code: str = ""
    # The target level's criteria for this competency, each with its latest rating if any.
    criteria: list[tuple[Criterion, CriterionRating | None]] = field(default_factory=list)
    evidence: list[Win] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # NO_EVIDENCE, NOT_ASSESSED, RATED_NOT_YET
    actions: list[DevelopmentAction] = field(default_factory=list)  # open, planning this gap

    @property
    def ready(self) -> bool:
        return not self.reasons

    @property
    def gaps(self) -> list[str]:
        """The reasons, as the readiness page tells them."""
        sentences = {
            NO_EVIDENCE: "No evidence yet: tag a win with this competency.",
            NOT_ASSESSED: "Not assessed yet.",
            RATED_NOT_YET: f"You rated yourself not yet at {self.target_code}.",
        }
        return [sentences[reason] for reason in self.reasons]


def actions_by_competency(
    competencies: Iterable[Competency], actions: Iterable[DevelopmentAction]
) -> dict[int, list[DevelopmentAction]]:
    """Which open actions plan which competency: an action whose title names a competency
    plans it ("Close the gap in Craft for L2" plans Craft). An action names one competency
    at most, the longest name it holds, so "Cross-functional influence" wins over
    "Influence" and no action is told twice."""
    named = sorted(competencies, key=lambda c: len(c.name), reverse=True)
    planned: dict[int, list[DevelopmentAction]] = {c.pk: [] for c in named}
    for action in actions:
        title = action.title.lower()
        for competency in named:
            if competency.name.lower() in title:
                planned[competency.pk].append(action)
                break
    return planned


def _has_evidence(
    owner: Profile, since: dt.date, until: dt.date, assessment_ids: list[int]
) -> RawSQL:
    """Whether a competency has evidence: a win of the period (`since` to `until`, both
    included) tagged with it, or offered in its latest self-assessment (`assessment_ids`,
    the latest of each competency). The one rule, as SQL for the database to answer per
    competency of a query on competencies: written once, not ORM expressions, whose
    compiling cost more CPU than the query (about 6,000 Python calls against 500)."""
    quote = connection.ops.quote_name
    competency, win = quote(Competency._meta.db_table), quote(Win._meta.db_table)
    tags = Competency._meta.get_field("wins")
    evidence = SelfAssessment._meta.get_field("evidence")
    assessment = quote(SelfAssessment._meta.db_table)
    in_period = "w.owner_id = %s AND w.occurred_on >= %s AND w.occurred_on <= %s"
    sql = (
        f"EXISTS (SELECT 1 FROM {win} w INNER JOIN {quote(tags.m2m_db_table())} t"
        f" ON w.id = t.{quote(tags.m2m_reverse_name())}"
        f" WHERE {in_period} AND t.{quote(tags.m2m_column_name())} = {competency}.id)"
    )
    params: list[object] = [owner.pk, since, until]
    if assessment_ids:  # none: no assessment offers anything
        sql += (
            f" OR EXISTS (SELECT 1 FROM {quote(evidence.m2m_db_table())} e"
            f" INNER JOIN {assessment} a ON a.id = e.{quote(evidence.m2m_column_name())}"
            f" WHERE a.competency_id = {competency}.id"
            f" AND e.{quote(evidence.m2m_column_name())} IN"
            f" ({', '.join(['%s'] * len(assessment_ids))})"
            # From the latest assessments' few evidence links to the wins of the period,
            # a list read once: read from the wins, it looked at each for every competency.
            f" AND e.{quote(evidence.m2m_reverse_name())} IN"
            f" (SELECT w.id FROM {win} w WHERE {in_period}))"
        )
        params += [*assessment_ids, owner.pk, since, until]
    return RawSQL(f"({sql})", params, output_field=BooleanField())


def _expectation_of(owner: Profile, level: LadderLevel) -> Subquery:
    """A competency's expectation on `level` (one a level at most), for a query on
    competencies."""
    return Subquery(
        Expectation.objects.for_owner(owner)
        .filter(competency=OuterRef("pk"), level=level)
        .order_by()
        .values("text")[:1]
    )


def readiness(
    *,
    owner: Profile,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actions: list[DevelopmentAction] | None = None,
    with_evidence: bool = True,
) -> tuple[LadderChoice | None, list[Readiness]]:
    """Per competency of the chosen ladder, the target level's expectation, the evidence,
    the gaps and the open actions that plan them: the one rule for "a gap on the target
    level", read by the readiness page, the narrative and every other surface.

    Evidence is the wins from `since` to `until` (both included; by default the last two
    years up to today) tagged with the competency or offered in its latest self-assessment.
    A gap is no evidence, a latest assessment of "not yet" against the target (overall, or
    for one of the target level's criteria), or no assessment at all. `actions` are the
    owner's open actions, when the caller has read them already.

    Whether a competency has evidence is one SQL aggregate (`has_evidence`, an Exists per
    competency), so the verdict does not read the wins: with `with_evidence=False` (the
    dashboard, the agenda: they only name the gaps) no win is loaded and `evidence` stays
    empty; otherwise the rows list the wins, newest first.
    """
    choice = ladder_choice(owner=owner)
    if choice is None or choice.target_level is None:
        return choice, []
    since = today - dt.timedelta(days=EVIDENCE_DAYS) if since is None else since
    until = today if until is None else until
    target = choice.target_level
    # Only the latest assessment per competency is read (one a day: the latest is the
    # one of its last day), and evidence prefetched for those only.
    last_day = Subquery(
        SelfAssessment.objects.for_owner(owner)
        .filter(competency=OuterRef("competency"))
        .order_by("-assessed_on")
        .values("assessed_on")[:1]
    )
    assessments = (
        SelfAssessment.objects.for_owner(owner)
        .filter(competency__ladder=choice.ladder, assessed_on=last_day)
        .order_by()
    )
    if with_evidence:
        assessments = assessments.prefetch_related(
            Prefetch(
                "evidence",
                queryset=Win.objects.for_owner(owner)
                .filter(occurred_on__gte=since, occurred_on__lte=until)
                .prefetch_related(
                    Prefetch("metrics", queryset=ImpactMetric.objects.for_owner(owner))
                ),
            ),
        )
    latest: dict[int, SelfAssessment] = {a.competency_id: a for a in assessments}
    ids = {competency_id: a.pk for competency_id, a in latest.items()}
    competencies_read = (
        Competency.objects.for_owner(owner)
        .filter(ladder=choice.ladder)
        .annotate(
            has_evidence=_has_evidence(owner, since, until, list(ids.values())),
            target_expectation=_expectation_of(owner, target),
        )
    )
    if with_evidence:
        competencies_read = competencies_read.prefetch_related(
            _wins_with_metrics(owner, since, until)
        )
    competencies = list(competencies_read)
    # One query when the ladder has no criteria; their ratings only when it has some. Each
    # criterion's rating is the first (in the ratings' order) of the latest assessments'.
    criteria: dict[int, list[Criterion]] = {}
    for criterion in Criterion.objects.for_owner(owner).filter(level=target):
        criteria.setdefault(criterion.competency_id, []).append(criterion)
    rated: dict[int, CriterionRating] = {}
    if criteria:
        ratings = CriterionRating.objects.for_owner(owner)  # of any level: only these asked
        for rating in ratings.filter(assessment_id__in=ids.values()):
            rated.setdefault(rating.criterion_id, rating)
    if actions is None:
        actions = list(open_actions(owner=owner))
    planned = actions_by_competency(competencies, actions)
    rows = []
    for competency in competencies:
        assessment = latest.get(competency.id)
        evidence: dict[int, Win] = {}
        if with_evidence:
            evidence = {win.pk: win for win in competency.tagged_wins}
            if assessment is not None:
                for win in assessment.evidence.all():
                    evidence.setdefault(win.pk, win)
        row = Readiness(
            competency=competency,
            expectation=competency.target_expectation or "",  # annotated above
            assessment=assessment,
            target_code=target.code,
            evidence=sorted(evidence.values(), key=lambda w: (w.occurred_on, w.pk), reverse=True),
        )
        row.criteria = [(c, rated.get(c.pk)) for c in criteria.get(competency.id, [])]
        if not competency.has_evidence:  # annotated above
            row.reasons.append(NO_EVIDENCE)
        if assessment is None:
            row.reasons.append(NOT_ASSESSED)
        elif assessment.against_target == TargetRating.NOT_YET or any(
            rating is not None and rating.is_not_yet for _, rating in row.criteria
        ):
            row.reasons.append(RATED_NOT_YET)
        if row.reasons:
            row.actions = planned[competency.pk]
        rows.append(row)
    return choice, rows


def readiness_gaps(*, owner: Profile, today: dt.date) -> tuple[LadderLevel | None, list[Readiness]]:
    """The target level and its competencies that show a gap, as the readiness page
    counts them: for the dashboard, `today` and the agenda, which name the gaps only. The
    verdict does not depend on the actions that plan a gap, so none is read (each row's
    `actions`, like its `evidence`, stays empty): the open actions were hundreds of objects
    on a long plan."""
    choice, rows = readiness(owner=owner, today=today, actions=[], with_evidence=False)
    return (choice.target_level if choice else None), [row for row in rows if not row.ready]


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
