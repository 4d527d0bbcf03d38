"""Narrative assembly: which wins, in which order, under which competency, in whose words."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.advocacy.models import (
    Audience,
    Competency,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
)
from wayfinder.advocacy.narrative import (
    NarrativeError,
    metric_text,
    narrative_assemble,
    narrative_markdown,
)
from wayfinder.advocacy.selectors import NOT_ASSESSED
from wayfinder.direction.tests.factories import AmbitionStatementFactory
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import (
    ImpactMetricFactory,
    WinAudienceFactory,
    WinFactory,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 11, 23)


def ladder_for(owner):
    """A two-level ladder with three competencies, the owner aiming at level 2."""
    ladder = Ladder.objects.create(owner=owner, name="Engineering")
    l1 = LadderLevel.objects.create(owner=owner, ladder=ladder, code="L1", name="Engineer", rank=1)
    l2 = LadderLevel.objects.create(owner=owner, ladder=ladder, code="L2", name="Senior", rank=2)
    comps = {}
    for rank, (key, name) in enumerate(
        [("delivery", "Delivery"), ("influence", "Influence"), ("craft", "Craft")], start=1
    ):
        comps[key] = Competency.objects.create(
            owner=owner, ladder=ladder, key=key, name=name, rank=rank
        )
        Expectation.objects.create(
            owner=owner, competency=comps[key], level=l2, text=f"{name} across teams."
        )
        Expectation.objects.create(
            owner=owner, competency=comps[key], level=l1, text=f"{name} in the team."
        )
    LadderChoice.objects.create(owner=owner, ladder=ladder, current_level=l1, target_level=l2)
    return comps


def assemble(owner, today, audience=Audience.MANAGER, start=START, end=END):
    return narrative_assemble(owner=owner, audience=audience, start=start, end=end, today=today)


def test_wins_are_ordered_by_impact_score(owner, today):
    weak = WinFactory(owner=owner, title="Weak", occurred_on=dt.date(2026, 10, 1))
    strong = WinFactory(owner=owner, title="Strong", occurred_on=dt.date(2026, 3, 1))
    ImpactMetricFactory(owner=owner, win=strong, baseline=10)
    ImpactMetricFactory(owner=owner, win=strong)
    middle = WinFactory(owner=owner, title="Middle", occurred_on=dt.date(2026, 5, 1))
    ImpactMetricFactory(owner=owner, win=middle)

    draft = assemble(owner, today)

    assert [w.title for w in draft.wins] == ["Strong", "Middle", "Weak"]
    assert draft.wins[0].impact_score > draft.wins[1].impact_score > draft.wins[2].impact_score
    assert weak in draft.wins


def test_wins_are_grouped_by_target_competency_with_other_last(owner, today):
    comps = ladder_for(owner)
    delivered = WinFactory(owner=owner, title="Shipped billing")
    comps["delivery"].wins.add(delivered)
    both = WinFactory(owner=owner, title="Led the migration")
    comps["influence"].wins.add(both)
    comps["craft"].wins.add(both)
    WinFactory(owner=owner, title="Untagged win")

    draft = assemble(owner, today)

    groups = {(g.competency.name if g.competency else "Other"): g for g in draft.groups}
    assert list(groups) == ["Delivery", "Influence", "Other"]
    assert [w.title for w in groups["Delivery"].wins] == ["Shipped billing"]
    assert groups["Delivery"].expects == "Delivery across teams."
    assert [w.title for w in groups["Other"].wins] == ["Untagged win"]
    text = narrative_markdown(draft)
    assert "Also shows: Craft" in text
    assert "> **At the next level:** Influence across teams." in text
    # Craft has evidence (through the migration): its only gap is that it is not assessed.
    assert [(g.competency.name, g.reasons) for g in draft.gaps] == [
        ("Delivery", [NOT_ASSESSED]),
        ("Influence", [NOT_ASSESSED]),
        ("Craft", [NOT_ASSESSED]),
    ]


def test_period_filter_includes_both_ends_only(owner, today):
    WinFactory(owner=owner, title="Before", occurred_on=START - dt.timedelta(days=1))
    WinFactory(owner=owner, title="First day", occurred_on=START)
    WinFactory(owner=owner, title="Last day", occurred_on=END)

    titles = {w.title for w in assemble(owner, today).wins}

    assert titles == {"First day", "Last day"}


def test_period_in_the_wrong_order_and_unknown_audience_are_refused(owner, today):
    with pytest.raises(NarrativeError, match="ends"):
        assemble(owner, today, start=END, end=START)
    with pytest.raises(NarrativeError, match="audience"):
        assemble(owner, today, audience="board")


def test_gaps_come_with_the_plan_to_close_them(owner, today):
    comps = ladder_for(owner)
    comps["delivery"].wins.add(WinFactory(owner=owner))
    DevelopmentActionFactory(owner=owner, title="Lead a cross-team influence project")
    DevelopmentActionFactory(owner=owner, title="Read a book")
    DevelopmentActionFactory(
        owner=owner, title="Craft done", status=ActionStatus.DONE, completed_on=today
    )

    draft = assemble(owner, today)

    assert [(g.competency.name, [a.title for a in g.actions]) for g in draft.gaps] == [
        ("Delivery", []),
        ("Influence", ["Lead a cross-team influence project"]),
        ("Craft", []),
    ]
    assert [a.title for a in draft.open_actions] == ["Read a book"]
    text = narrative_markdown(draft)
    assert (
        "**Influence**: No evidence in this period yet; not self-assessed yet. "
        "Expected: Influence across teams." in text
    )
    assert "**Delivery**: Not self-assessed yet. Expected: Delivery across teams." in text
    assert "Craft done" not in text


def test_voices_are_sponsors_and_leaders_outside_the_line_who_know(owner, today):
    win = WinFactory(owner=owner, title="Launched EMEA", occurred_on=dt.date(2026, 5, 1))
    leader = PersonFactory(owner=owner, name="Lee Leader", influence=Influence.HIGH)
    sponsor = PersonFactory(owner=owner, name="Sam Sponsor", influence=Influence.MEDIUM)
    PersonRoleFactory(owner=owner, person=sponsor, role=Role.SPONSOR)
    manager = PersonFactory(owner=owner, name="Max Manager", influence=Influence.HIGH)
    PersonRoleFactory(owner=owner, person=manager, role=Role.MANAGER)
    peer = PersonFactory(owner=owner, name="Pat Peer", influence=Influence.LOW)
    for person in (leader, sponsor, manager, peer):
        WinAudienceFactory(owner=owner, win=win, person=person, told_on=dt.date(2026, 6, 1))
    later = PersonFactory(owner=owner, name="Told Later", influence=Influence.HIGH)
    WinAudienceFactory(owner=owner, win=win, person=later, told_on=today + dt.timedelta(days=1))

    draft = assemble(owner, today, end=dt.date(2026, 11, 1))

    assert [(v.person.name, v.is_sponsor) for v in draft.voices] == [
        ("Sam Sponsor", True),
        ("Lee Leader", False),
    ]
    text = narrative_markdown(draft)
    assert "**Sam Sponsor** (Head of Sales, Northwind), sponsor: knows Launched EMEA" in text
    assert "Max Manager" not in text and "Pat Peer" not in text


def test_audience_changes_the_order_and_the_words(owner, today):
    ladder_for(owner)
    AmbitionStatementFactory(owner=owner, summary="Lead platform engineering.")
    for n in range(5):
        WinFactory(owner=owner, title=f"Win number {n}")

    committee = narrative_markdown(assemble(owner, today, audience=Audience.COMMITTEE))
    manager = narrative_markdown(assemble(owner, today, audience=Audience.MANAGER))
    sponsor = narrative_markdown(assemble(owner, today, audience=Audience.SPONSOR))

    assert committee.startswith("# Promotion case:")
    assert "for L2 Senior" in committee
    assert committee.index("## Impact first") < committee.index("## Direction")
    assert "Evidence against L2 Senior, by competency" in committee
    assert manager.index("## Where I'm heading") < manager.index("## My wins")
    assert "Gaps, and where I'd like your support" in manager
    assert "## How you could help" in sponsor
    assert "Gaps" not in sponsor and sponsor.count("- **Win number") == 3
    assert len(sponsor) < len(manager)
    assert "Lead platform engineering." in sponsor


def test_without_ladder_or_wins_the_narrative_says_what_is_missing(owner, today):
    text = narrative_markdown(assemble(owner, today))

    assert "_No wins logged in this period yet._" in text
    assert "Write your ambition" in text
    assert "the next level" in text


def test_owner_text_cannot_break_the_structure(owner, today):
    win = WinFactory(owner=owner, title="Two\nlines", result="Line one\n# not a heading")
    ImpactMetricFactory(owner=owner, win=win, value=1250, unit="EUR", baseline=1000, label="ARR")

    text = narrative_markdown(assemble(owner, today))

    assert "- **Two lines**" in text
    assert "Result: Line one # not a heading" in text
    assert "ARR: from 1,000 EUR to 1,250 EUR" in text


def test_metric_text_formats(owner):
    metric = ImpactMetricFactory(owner=owner, value=30, unit="%", baseline=12, period="per quarter")
    assert metric_text(metric) == "from 12 % to 30 % per quarter"
    money = ImpactMetricFactory(owner=owner, value=4.1, unit="$M", baseline=2.7, label="ARR")
    assert metric_text(money) == "ARR: from $2.7M to $4.1M"


def test_another_owners_record_never_enters(owner, outsider, today):
    WinFactory(owner=outsider, title="Outsider win")
    ladder_for(outsider)

    draft = assemble(owner, today)

    assert draft.wins == [] and draft.target_level is None


def test_assembly_takes_a_fixed_number_of_queries(owner, today, django_assert_max_num_queries):
    comps = ladder_for(owner)
    leader = PersonFactory(owner=owner, influence=Influence.HIGH)
    for size in (2, 8):
        for _ in range(size):
            win = WinFactory(owner=owner)
            ImpactMetricFactory(owner=owner, win=win)
            comps["delivery"].wins.add(win)
            WinAudienceFactory(owner=owner, win=win, person=leader, told_on=START)
            DevelopmentActionFactory(owner=owner)
        # The readiness selector's reads (the gaps) are part of the fixed count.
        # 18: readiness reads the target level's criteria (and their ratings, if any).
        with django_assert_max_num_queries(18):
            narrative_markdown(assemble(owner, today))
