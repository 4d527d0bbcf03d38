"""Readiness for the target level: evidence found, gaps, a gap turned into an action."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.advocacy.ladders import ladder_parse_yaml
from wayfinder.advocacy.selectors import assessment_compare, readiness
from wayfinder.advocacy.services import (
    AdvocacyError,
    assessment_record,
    gap_to_action,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.plan.models import DevelopmentAction
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory

pytestmark = pytest.mark.django_db

LADDER = """\
name: Test ladder
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
"""


@pytest.fixture
def ladder(owner):
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    return ladder


def _competency(ladder, key):
    return ladder.competencies.get(key=key)


def test_readiness_finds_tagged_and_assessed_evidence_and_names_the_gaps(owner, ladder, today):
    craft, impact, people = (_competency(ladder, k) for k in ("craft", "impact", "people"))
    tagged = WinFactory(owner=owner, title="Taught the team testing")
    ImpactMetricFactory(owner=owner, win=tagged, value=30, unit="%", label="fewer bugs")
    offered = WinFactory(owner=owner, title="Moved activation")
    win_competencies_set(owner=owner, win=tagged, competencies=[craft])
    assessment_record(
        owner=owner,
        competency=impact,
        assessed_on=today,
        against_current="meets",
        against_target="partly",
        evidence=[offered],
    )
    assessment_record(
        owner=owner,
        competency=people,
        assessed_on=today,
        against_current="meets",
        against_target="not_yet",
    )
    choice, rows = readiness(owner=owner, today=today)
    assert choice.target_level.code == "L2"
    by_key = {row.competency.key: row for row in rows}
    assert [row.competency.key for row in rows] == ["craft", "impact", "people"]
    assert by_key["craft"].expectation == "Teaches the team."
    assert by_key["craft"].evidence == [tagged]
    assert [m.label for m in by_key["craft"].evidence[0].metrics.all()] == ["fewer bugs"]
    assert by_key["craft"].gaps == ["Not assessed yet."]
    assert by_key["impact"].evidence == [offered] and by_key["impact"].ready
    assert by_key["people"].expectation == ""
    assert by_key["people"].gaps == [
        "No evidence yet: tag a win with this competency.",
        "You rated yourself not yet at L2.",
    ]


def test_only_the_latest_assessment_counts(owner, ladder, today):
    craft = _competency(ladder, "craft")
    win = WinFactory(owner=owner)
    assessment_record(
        owner=owner,
        competency=craft,
        assessed_on=today - dt.timedelta(days=90),
        against_current="meets",
        against_target="partly",
        evidence=[win],
    )
    assessment_record(
        owner=owner,
        competency=craft,
        assessed_on=today,
        against_current="meets",
        against_target="not_yet",
    )
    row = readiness(owner=owner, today=today)[1][0]
    assert row.assessment.assessed_on == today
    assert row.evidence == [] and "You rated yourself not yet at L2." in row.gaps


def test_readiness_needs_a_target(owner, today):
    assert readiness(owner=owner, today=today) == (None, [])


def test_an_outsiders_data_never_counts(owner, outsider, ladder, today):
    foreign = WinFactory(owner=outsider)
    with pytest.raises(AdvocacyError):
        win_competencies_set(owner=owner, win=foreign, competencies=[])
    with pytest.raises(AdvocacyError):
        win_competencies_set(
            owner=outsider, win=foreign, competencies=[_competency(ladder, "craft")]
        )
    assert readiness(owner=outsider, today=today) == (None, [])


def test_a_gap_becomes_a_goal_less_action_pointing_back(owner, ladder):
    craft = _competency(ladder, "craft")
    target = ladder.levels.get(code="L2")
    action, added = gap_to_action(owner=owner, competency=craft, target=target)
    assert added
    assert DevelopmentAction.objects.for_owner(owner).get() == action
    assert action.goal is None
    assert action.title == "Close the gap in Craft for L2"
    assert "readiness gap in Craft" in action.notes
    assert "Expected at L2: Teaches the team." in action.notes


def test_the_target_cannot_be_below_the_current_level(owner, ladder):
    levels = list(ladder.levels.all())
    with pytest.raises(AdvocacyError, match="cannot be below"):
        ladder_choose(owner=owner, ladder=ladder, current_level=levels[1], target_level=levels[0])


def test_importing_the_same_name_twice_is_refused(owner, ladder):
    with pytest.raises(AdvocacyError, match="already have a ladder named 'Test ladder'"):
        ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))


def test_compare_takes_the_latest_assessment_on_or_before_each_date(owner, ladder, today):
    craft, impact = _competency(ladder, "craft"), _competency(ladder, "impact")
    early = today - dt.timedelta(days=120)
    for day, rating in ((early, "not_yet"), (today, "meets")):
        assessment_record(
            owner=owner,
            competency=craft,
            assessed_on=day,
            against_current="meets",
            against_target=rating,
        )
    rows = assessment_compare(owner=owner, then=early + dt.timedelta(days=1), now=today)
    assert [(c.key, b and b.against_target, a and a.against_target) for c, b, a in rows] == [
        ("craft", "not_yet", "meets"),
        ("impact", None, None),
        ("people", None, None),
    ]
    assert impact.assessments.count() == 0


def test_tagged_wins_older_than_two_years_are_not_evidence(owner, ladder, today):
    craft = _competency(ladder, "craft")
    old = WinFactory(owner=owner, occurred_on=today - dt.timedelta(days=731))
    recent = WinFactory(owner=owner, occurred_on=today - dt.timedelta(days=730))
    for win in (old, recent):
        win_competencies_set(owner=owner, win=win, competencies=[craft])
    assert readiness(owner=owner, today=today)[1][0].evidence == [recent]
