"""Readiness reads the latest assessment per competency and the target's expectation with
fewer queries; each row must hold what the earlier reads gave: the latest assessment (the
first by competency, newest day first), the expectation of the target level ("" without
one), that assessment's criterion ratings and the reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db.models import Exists, OuterRef, Q

from wayfinder.advocacy.ladders import ladder_parse_files, ladder_parse_yaml
from wayfinder.advocacy.models import Competency, Criterion, Expectation, SelfAssessment
from wayfinder.advocacy.selectors import (
    EVIDENCE_DAYS,
    NO_EVIDENCE,
    NOT_ASSESSED,
    RATED_NOT_YET,
    readiness,
    readiness_gaps,
)
from wayfinder.advocacy.services import (
    assessment_record,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
FIXTURES = Path(__file__).parent / "fixtures"

LADDER = """\
name: Plain ladder
levels:
  - {code: L1, name: Junior}
  - {code: L2, name: Senior}
competencies:
  - key: craft
    name: Craft
    expectations: {L1: Learns., L2: Teaches the team.}
  - key: impact
    name: Impact
    expectations: {L1: Ships., L2: Moves a number.}
  - key: people
    name: People
    expectations: {L1: Helps.}
  - key: quiet
    name: Quiet
"""


def _as_before(owner, ladder, target):
    """The latest assessment per competency and the target's expectations, read as the
    selector read them before: every assessment's pk by competency, newest day first."""
    ids: dict[int, int] = {}
    for pk, competency_id in (
        SelfAssessment.objects.for_owner(owner)
        .filter(competency__ladder=ladder)
        .order_by("competency_id", "-assessed_on")
        .values_list("pk", "competency_id")
    ):
        ids.setdefault(competency_id, pk)
    texts = {
        e.competency_id: e.text for e in Expectation.objects.for_owner(owner).filter(level=target)
    }
    return ids, texts


def _evidence_as_before(owner, ladder, ids, since, until):
    """Which competencies have evidence, by the ORM expressions the SQL replaced."""
    in_period = Q(occurred_on__gte=since, occurred_on__lte=until)
    tagged = Win.objects.for_owner(owner).filter(in_period, competencies=OuterRef("pk"))
    offered = SelfAssessment.evidence.through.objects.filter(
        selfassessment_id__in=list(ids.values()),
        selfassessment__competency=OuterRef("pk"),
        win__in=Win.objects.for_owner(owner).filter(in_period),
    )
    return dict(
        Competency.objects.for_owner(owner)
        .filter(ladder=ladder)
        .annotate(has=Exists(tagged) | Exists(offered))
        .values_list("pk", "has")
    )


def _check(owner, ladder, target, day):
    ids, texts = _as_before(owner, ladder, target)
    evidenced = _evidence_as_before(owner, ladder, ids, day - EVIDENCE_DAYS * DAY, day)
    for with_evidence in (True, False):
        _, rows = readiness(owner=owner, today=day, with_evidence=with_evidence)
        assert [r.competency.pk for r in rows] == list(
            ladder.competencies.order_by("rank", "name").values_list("pk", flat=True)
        )
        for row in rows:
            assessment_pk = row.assessment.pk if row.assessment else None
            assert assessment_pk == ids.get(row.competency.pk)
            assert row.expectation == texts.get(row.competency.pk, "")
            assert (NO_EVIDENCE not in row.reasons) == bool(evidenced[row.competency.pk])
            for _, rating in row.criteria:
                assert rating is None or rating.assessment_id == assessment_pk
    _, rows = readiness(owner=owner, today=day)
    level, gaps = readiness_gaps(owner=owner, today=day)
    assert level == target
    assert [(g.competency, g.reasons) for g in gaps] == [
        (r.competency, r.reasons) for r in rows if r.reasons
    ]
    return rows


def _assess(owner, competency, day, target_rating, **kwargs):
    return assessment_record(
        owner=owner,
        competency=competency,
        assessed_on=day,
        against_current="meets",
        against_target=target_rating,
        **kwargs,
    )


def test_the_latest_assessment_and_the_expectation_are_the_ones_read_before(owner, today):
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    craft, impact, people = (ladder.competencies.get(key=k) for k in ("craft", "impact", "people"))
    old_win = WinFactory(owner=owner, occurred_on=today - 40 * DAY)
    new_win = WinFactory(owner=owner, occurred_on=today - DAY)
    win_competencies_set(owner=owner, win=new_win, competencies=[craft])
    # Recorded out of order: the latest by day is not the latest written.
    _assess(owner, impact, today - 3 * DAY, "partly", evidence=[new_win])
    _assess(owner, impact, today - 30 * DAY, "not_yet", evidence=[old_win])
    _assess(owner, impact, today - 300 * DAY, "meets")
    _assess(owner, people, today - 10 * DAY, "meets")
    _assess(owner, people, today - 2 * DAY, "not_yet")
    _assess(owner, craft, today, "meets")
    rows = _check(owner, ladder, levels[1], today)
    assert [bool(r.reasons) for r in rows] == [False, False, True, True]
    by_key = {r.competency.key: r for r in rows}
    assert by_key["impact"].assessment.assessed_on == today - 3 * DAY
    assert by_key["impact"].reasons == []  # its latest assessment offers a recent win
    assert by_key["people"].reasons == [NO_EVIDENCE, RATED_NOT_YET]
    assert by_key["people"].expectation == "" and by_key["craft"].reasons == []
    assert by_key["quiet"].reasons == [NO_EVIDENCE, NOT_ASSESSED]
    assert by_key["craft"].expectation == "Teaches the team."
    # Other days: the same assessments are read (readiness does not date them).
    for day in (today - 20 * DAY, today - 2 * DAY, today + 400 * DAY, today + 800 * DAY):
        _check(owner, ladder, levels[1], day)
    # Tagged long ago (out of the period) and offered in an older assessment only.
    win_competencies_set(owner=owner, win=old_win, competencies=[people])
    for day in (today, today + 700 * DAY, today + 740 * DAY):
        _check(owner, ladder, levels[1], day)


def test_criterion_ratings_are_the_latest_assessments(owner, outsider, today):
    raw = (FIXTURES / "ft-style.yml").read_bytes()
    ladder = ladder_import(owner=owner, spec=ladder_parse_files([("ft-style.yml", raw)]))
    junior = ladder.levels.get(code="junior")
    ladder_choose(owner=owner, ladder=ladder, current_level=None, target_level=junior)
    competency = ladder.competencies.get(key="problem-solving")
    spots, asks = Criterion.objects.for_owner(owner).filter(competency=competency, level=junior)
    _assess(owner, competency, today - 5 * DAY, "partly", criteria={spots: "meets"})
    _assess(owner, competency, today - 50 * DAY, "partly", criteria={asks: "not_yet"})
    rows = _check(owner, ladder, junior, today)
    row = next(r for r in rows if r.competency == competency)
    assert [(c, r.rating if r else None) for c, r in row.criteria] == [
        (spots, "meets"),
        (asks, None),
    ]
    assert row.reasons == [NO_EVIDENCE]
    _assess(owner, competency, today - DAY, "partly", criteria={spots: "meets", asks: "not_yet"})
    rows = _check(owner, ladder, junior, today)
    row = next(r for r in rows if r.competency == competency)
    assert row.reasons == [NO_EVIDENCE, RATED_NOT_YET]
    other = ladder_import(owner=outsider, spec=ladder_parse_files([("ft-style.yml", raw)]))
    ladder_choose(
        owner=outsider,
        ladder=other,
        current_level=None,
        target_level=other.levels.get(code="junior"),
    )
    _assess(outsider, other.competencies.get(key="problem-solving"), today, "meets")
    _check(owner, ladder, junior, today)
