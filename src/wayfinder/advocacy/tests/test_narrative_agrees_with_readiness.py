"""The narrative tells the gaps the readiness page tells (issue 9, §B1 and §A1).

One selector (`advocacy.selectors.readiness`) decides what a gap on the target level is;
the narrative asks it over every win of the period, not only the wins it shows.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_parse_yaml
from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.advocacy.selectors import readiness
from wayfinder.advocacy.services import (
    assessment_record,
    gap_to_action,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 11, 23)

LADDER = """\
name: Product
levels:
  - {code: L1, name: Product Manager}
  - {code: L2, name: Senior Product Manager}
competencies:
  - key: discovery
    name: Discovery
    expectations: {L1: Runs interviews., L2: Sets the discovery agenda.}
  - key: influence
    name: Influence
    expectations: {L1: Aligns the team., L2: Aligns the leaders.}
  - key: xfn
    name: Cross-functional influence
    expectations: {L1: Works with design., L2: Leads across functions.}
"""


@pytest.fixture
def ladder(owner):
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    return ladder


def _assess(owner, competency, rating, today, evidence=()):
    assessment_record(
        owner=owner,
        competency=competency,
        assessed_on=today,
        against_current="meets",
        against_target=rating,
        evidence=evidence,
    )


def _narrative(owner, today, audience=Audience.MANAGER):
    draft = narrative_assemble(owner=owner, audience=audience, start=START, end=END, today=today)
    return draft, narrative_markdown(draft)


def _competencies(ladder):
    return {c.key: c for c in ladder.competencies.all()}


def test_rated_not_yet_with_evidence_is_a_gap_on_both_pages(client, owner, ladder, today):
    comps = _competencies(ladder)
    shipped = WinFactory(owner=owner, title="Ran 40 interviews", occurred_on=dt.date(2026, 9, 1))
    win_competencies_set(owner=owner, win=shipped, competencies=[comps["discovery"]])
    _assess(owner, comps["discovery"], "not_yet", today)
    for key in ("influence", "xfn"):
        win = WinFactory(owner=owner, occurred_on=dt.date(2026, 8, 1))
        win_competencies_set(owner=owner, win=win, competencies=[comps[key]])
        _assess(owner, comps[key], "meets", today)

    client.force_login(owner.user)
    page = client.get(reverse("advocacy:readiness")).content.decode()
    draft, text = _narrative(owner, today)

    # The readiness page: Discovery has evidence, and a gap because of the rating.
    assert "1 competency still shows a gap." in page
    assert "Ran 40 interviews" in page
    assert "You rated yourself not yet at L2." in page
    # The narrative: the same competency is the one gap, for the same reason.
    assert [gap.competency.key for gap in draft.gaps] == ["discovery"]
    assert "- **Discovery**: I rate myself not yet at L2. Expected: Sets the discovery" in text
    assert "Every competency" not in text
    # And the same competencies are gaps on both surfaces.
    _, rows = readiness(owner=owner, today=today)
    assert [r.competency.key for r in rows if not r.ready] == [g.competency.key for g in draft.gaps]


def test_gaps_count_every_win_of_the_period_not_only_those_shown(owner, ladder, today):
    comps = _competencies(ladder)
    # Four strong wins fill the sponsor's three places and the manager's first places...
    for n in range(4):
        strong = WinFactory(owner=owner, title=f"Strong {n}", occurred_on=dt.date(2026, 6, 1))
        ImpactMetricFactory(owner=owner, win=strong, baseline=1)
        win_competencies_set(owner=owner, win=strong, competencies=[comps["discovery"]])
    # ...the only evidence of Influence is a weak one, not shown to a sponsor.
    weak = WinFactory(owner=owner, title="Weak one", occurred_on=dt.date(2026, 3, 1))
    win_competencies_set(owner=owner, win=weak, competencies=[comps["influence"]])
    for competency in comps.values():
        _assess(owner, competency, "partly", today)

    draft, _ = _narrative(owner, today, audience=Audience.SPONSOR)

    assert weak not in draft.wins
    assert [gap.competency.key for gap in draft.gaps] == ["xfn"]
    assert draft.gaps[0].reasons == ["no_evidence"]


def test_every_competency_has_evidence_only_when_it_is_true(owner, ladder, today):
    comps = _competencies(ladder)
    for competency in comps.values():
        win = WinFactory(owner=owner, occurred_on=dt.date(2026, 5, 1))
        win_competencies_set(owner=owner, win=win, competencies=[competency])
    _assess(owner, comps["discovery"], "meets", today)
    _assess(owner, comps["influence"], "meets", today)

    _, text = _narrative(owner, today)
    # Cross-functional influence is not assessed yet: a gap, so no claim of completeness.
    assert "Every competency" not in text
    assert "- **Cross-functional influence**: Not self-assessed yet." in text

    _assess(owner, comps["xfn"], "partly", today)
    draft, text = _narrative(owner, today)
    assert draft.gaps == []
    assert "Every competency of L2 Senior Product Manager has evidence in this period" in text


def test_without_a_target_level_no_competency_is_said_to_have_evidence(owner, today):
    WinFactory(owner=owner, occurred_on=dt.date(2026, 5, 1))
    _, text = _narrative(owner, today)
    assert "Every competency" not in text
    assert "Choose a career ladder and a target level" in text


def test_no_line_repeats(owner, ladder, today):
    comps = _competencies(ladder)
    target = ladder.levels.get(code="L2")
    action, _ = gap_to_action(owner=owner, competency=comps["xfn"], target=target)
    # A copy made before a second press was refused, and a plain action of the plan.
    DevelopmentActionFactory(owner=owner, title=action.title, due_on=None)
    DevelopmentActionFactory(owner=owner, title="Read a book", due_on=None)
    DevelopmentActionFactory(owner=owner, title="Read a book", due_on=None)

    draft, text = _narrative(owner, today)

    # "Cross-functional influence" names Influence too; the action plans only the longer one.
    plans = {gap.competency.key: [a.title for a in gap.actions] for gap in draft.gaps}
    assert plans["influence"] == []
    assert text.count("Close the gap in Cross-functional influence for L2") == 1
    assert text.count("Read a book") == 1
    items = [line for line in text.splitlines() if re.match(r"\s*- ", line)]
    assert len(items) == len(set(items))
