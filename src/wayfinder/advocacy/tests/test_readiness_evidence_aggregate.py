"""Whether a competency has evidence is answered by the database (an Exists per
competency in `readiness`): the verdict is the same with and without the evidence listed,
and the dashboard's read (`readiness_gaps`) loads no win and no action at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wayfinder.advocacy.ladders import ladder_parse_yaml
from wayfinder.advocacy.selectors import (
    EVIDENCE_DAYS,
    NO_EVIDENCE,
    readiness,
    readiness_gaps,
)
from wayfinder.advocacy.services import (
    assessment_record,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

LADDER = """\
name: Design
levels:
  - {code: D1, name: Designer}
  - {code: D2, name: Senior Designer}
competencies:
  - {key: tagged, name: Tagged, expectations: {D1: a., D2: b.}}
  - {key: old, name: Old, expectations: {D1: a., D2: b.}}
  - {key: offered, name: Offered, expectations: {D1: a., D2: b.}}
  - {key: superseded, name: Superseded, expectations: {D1: a., D2: b.}}
  - {key: none, name: None yet, expectations: {D1: a., D2: b.}}
"""


@pytest.fixture
def comps(owner, today):
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    comps = {c.key: c for c in ladder.competencies.all()}
    recent = today - dt.timedelta(days=10)
    # Tagged with a recent win: evidence.
    win_competencies_set(
        owner=owner, win=WinFactory(owner=owner, occurred_on=recent), competencies=[comps["tagged"]]
    )
    # Tagged only with a win older than the evidence window: none.
    old = today - dt.timedelta(days=EVIDENCE_DAYS + 1)
    win_competencies_set(
        owner=owner, win=WinFactory(owner=owner, occurred_on=old), competencies=[comps["old"]]
    )
    for key in comps:
        assessment_record(
            owner=owner,
            competency=comps[key],
            assessed_on=today - dt.timedelta(days=30),
            against_current="meets",
            against_target="partly",
            # Offered in an assessment that a later one replaces: no longer evidence.
            evidence=[WinFactory(owner=owner, occurred_on=recent)] if key == "superseded" else (),
        )
    # The latest assessments: "offered" names a recent win, the others none.
    for key in comps:
        assessment_record(
            owner=owner,
            competency=comps[key],
            assessed_on=today,
            against_current="meets",
            against_target="partly",
            evidence=[WinFactory(owner=owner, occurred_on=recent)] if key == "offered" else (),
        )
    return comps


def _no_evidence(rows) -> list[str]:
    return [row.competency.key for row in rows if NO_EVIDENCE in row.reasons]


def test_evidence_is_a_recent_tagged_win_or_one_offered_in_the_latest_assessment(
    owner, today, comps
):
    _, rows = readiness(owner=owner, today=today)
    assert _no_evidence(rows) == ["old", "superseded", "none"]
    listed = {row.competency.key: len(row.evidence) for row in rows}
    assert listed == {"tagged": 1, "old": 0, "offered": 1, "superseded": 0, "none": 0}


def test_the_verdict_does_not_depend_on_listing_the_evidence(owner, today, comps):
    _, listed = readiness(owner=owner, today=today)
    _, counted = readiness(owner=owner, today=today, with_evidence=False)
    assert [(r.competency.key, r.reasons) for r in counted] == [
        (r.competency.key, r.reasons) for r in listed
    ]
    assert all(row.evidence == [] for row in counted)
    level, gaps = readiness_gaps(owner=owner, today=today)
    assert level.code == "D2"
    assert [gap.competency.key for gap in gaps] == ["old", "superseded", "none"]


def test_the_gaps_read_no_win_whatever_the_number(owner, today, comps):
    with CaptureQueriesContext(connection) as few:
        readiness_gaps(owner=owner, today=today)
    for _ in range(30):
        win_competencies_set(
            owner=owner,
            win=WinFactory(owner=owner, occurred_on=today),
            competencies=[comps["tagged"]],
        )
    with CaptureQueriesContext(connection) as many:
        readiness_gaps(owner=owner, today=today)
    assert len(many.captured_queries) == len(few.captured_queries)
    # No query loads win rows: the Exists subqueries only ask whether one is there.
    assert not any(q["sql"].startswith('SELECT "wins_win"') for q in many.captured_queries)


def test_the_gaps_read_no_action_and_say_what_readiness_says(owner, today, comps):
    """The gaps are named without the open actions that plan them: the verdict is the same
    with the actions read, and no query loads an action."""
    DevelopmentActionFactory(owner=owner, title="Close the gap in None yet")
    _, rows = readiness(owner=owner, today=today, with_evidence=False)
    assert any(row.actions for row in rows)  # the action plans the gap "None yet"
    with CaptureQueriesContext(connection) as read:
        _, gaps = readiness_gaps(owner=owner, today=today)
    assert [(g.competency.key, g.reasons) for g in gaps] == [
        (r.competency.key, r.reasons) for r in rows if not r.ready
    ]
    assert all(gap.actions == [] for gap in gaps)
    assert not any("plan_developmentaction" in q["sql"] for q in read.captured_queries)
