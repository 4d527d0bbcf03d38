"""The brag document parser: brag documents as people write them (issue 12 §3).

Fixtures are short documents written for these tests, in the forms the issue lists and the
public brag-document templates use (a year or a quarter per heading, "### Project" wins,
goals and learning sections, prose between the bullets).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wayfinder.direction.models import Goal
from wayfinder.plan.models import ActionKind, DevelopmentAction
from wayfinder.portability.brag_periods import DateProblem, period_find
from wayfinder.portability.bragdoc import (
    BragDocError,
    brag_doc_already_logged,
    brag_doc_import,
    brag_doc_parse,
)
from wayfinder.wins.models import Win, WinSource
from wayfinder.wins.services import MetricInput
from wayfinder.wins.tests.factories import WinFactory

TODAY = dt.date(2026, 11, 23)
FIXTURE = Path(__file__).parent / "fixtures" / "brag-document.md"

GOOD = """# My brag document

Kept since I joined.

## 2026 Q3
- Launched the partner programme — 14 partners signed
  - pipeline +30 % in the quarter
- Rewrote the onboarding guide
  so new hires ramp faster
  * cut ramp-up from 20 days to 12 days

## March 2026
1. Won the Acme renewal – $1.2M over three years

### Side projects
- Mentored two juniors

## 2025
+ Spoke at MarketingConf -- 400 people in the room
"""


def parse(text: str):
    return brag_doc_parse(text, today=TODAY)


def titles(document) -> list[str]:
    return [entry.title for entry in document.wins]


# ---- periods


@pytest.mark.parametrize(
    ("heading", "start", "end"),
    [
        ("2026 Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("Q1 2025", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("H2 2025", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("March 2026", dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        ("feb 2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2026 September", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        # The forms of issue 12.
        ("December 2024 Work Summary", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("Julia's 2025 brag document", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("Julia’s 2025 brag document", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025 brag document", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("FY25 Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("Q3 FY2025", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("2023–2024", dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
        ("2024-03-05", dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
    ],
)
def test_period_headings(heading, start, end):
    span = period_find(heading)
    assert (span.start, span.end) == (start, end)


def test_a_quarter_or_a_month_alone_takes_the_year_around_it():
    assert period_find("Q2", year=2025).end == dt.date(2025, 6, 30)
    assert period_find("March", year=2025).end == dt.date(2025, 3, 31)
    assert period_find("Q2") is None


@pytest.mark.parametrize(
    ("heading", "problem"),
    [
        ("2026 Q5", "there is no Q5 in a year"),
        ("H3 2026", "there is no H3"),
        ("2026-13", "there is no month 13"),
        ("Smarch 2026", "is not a month (March?)"),
    ],
)
def test_a_period_that_cannot_be_read_is_an_error(heading, problem):
    with pytest.raises(DateProblem, match=problem.replace("(", r"\(").replace("?)", r"\?\)")):
        period_find(heading)


@pytest.mark.parametrize("heading", ["Brag document", "Side projects", "Wins"])
def test_other_headings_name_no_period(heading):
    assert period_find(heading) is None


def test_a_good_document(today):
    document = parse(GOOD)
    assert [(e.line, e.period, e.occurred_on, e.title) for e in document.wins] == [
        (6, "2026 Q3", dt.date(2026, 9, 30), "Launched the partner programme"),
        (
            8,
            "2026 Q3",
            dt.date(2026, 9, 30),
            "Rewrote the onboarding guide so new hires ramp faster",
        ),
        (13, "March 2026", dt.date(2026, 3, 31), "Won the Acme renewal"),
        (16, "March 2026", dt.date(2026, 3, 31), "Mentored two juniors"),
        (19, "2025", dt.date(2025, 12, 31), "Spoke at MarketingConf"),
    ]
    first, second, third, fourth, fifth = document.wins
    assert first.result == "14 partners signed; pipeline +30 % in the quarter"
    assert first.metrics == [MetricInput(14, "partners"), MetricInput(30, "%")]
    assert second.result == "cut ramp-up from 20 days to 12 days"
    assert second.metrics == [MetricInput(12, "days", baseline=20)]
    assert third.metrics == [MetricInput(1_200_000, "$")]
    assert fourth.result == "" and fourth.metrics == []
    assert fifth.metrics == [MetricInput(400, "people")]
    assert [(skip.line, skip.note) for skip in document.skipped] == [
        (3, "text before the first period heading: left out")
    ]


def test_the_running_period_is_dated_today():
    (entry,) = parse("## 2026 Q4\n- Ran the offsite\n").wins
    assert entry.occurred_on == TODAY
    assert entry.dated_by == "today, as its period is still running"


@pytest.mark.parametrize(
    ("heading", "date"),
    [
        ("December 2024 Work Summary", dt.date(2024, 12, 31)),
        ("Julia's 2025 brag document", dt.date(2025, 12, 31)),
        ("2025 brag document", dt.date(2025, 12, 31)),
        ("FY25 Q3", dt.date(2025, 9, 30)),
    ],
)
def test_the_issue_heading_forms_date_their_wins(heading, date):
    (entry,) = parse(f"# {heading}\n\n- Closed the Acme deal\n").wins
    assert (entry.occurred_on, entry.period) == (date, heading)


def test_quarters_under_a_year_heading_are_that_years():
    document = parse("# 2025 brag document\n## Q1\n- Shipped A\n## Q3\n- Shipped B\n")
    assert [e.occurred_on for e in document.wins] == [dt.date(2025, 3, 31), dt.date(2025, 9, 30)]


# ---- a win's own date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("- [Nov 30, 2024] Shipped the refunds API", dt.date(2024, 11, 30)),
        ("- Shipped the refunds API [Nov 30, 2024]", dt.date(2024, 11, 30)),
        ("- 2024-03-05: Shipped the refunds API", dt.date(2024, 3, 5)),
        ("2024-03-05: Shipped the refunds API", dt.date(2024, 3, 5)),
        ("- Mar 5 — Shipped the refunds API", dt.date(2024, 3, 5)),
        ("- Shipped the refunds API (March 2024)", dt.date(2024, 3, 31)),
        ("- 5 March 2024: Shipped the refunds API", dt.date(2024, 3, 5)),
        ("- March 2024: Shipped the refunds API", dt.date(2024, 3, 31)),
        ("- Q2 2024 — Shipped the refunds API", dt.date(2024, 6, 30)),
    ],
)
def test_a_wins_own_date_sets_its_date(line, date):
    (entry,) = parse(f"## 2024\n{line}\n").wins
    assert entry.occurred_on == date
    assert entry.title == "Shipped the refunds API"


def test_a_day_without_a_year_takes_the_year_of_its_period_or_the_last_one():
    assert parse("## 2023\n- Mar 5 — Gave a talk\n").wins[0].occurred_on == dt.date(2023, 3, 5)
    # No period: the last 5 March up to today; no heading is needed with a date.
    assert parse("- Mar 5 — Gave a talk\n").wins[0].occurred_on == dt.date(2026, 3, 5)
    assert parse("- Dec 5 — Gave a talk\n").wins[0].occurred_on == dt.date(2025, 12, 5)


def test_brackets_that_hold_no_date_stay_in_the_title():
    (entry,) = parse("## 2025\n- Ran the offsite (with 3 teams) [draft]\n").wins
    assert entry.title == "Ran the offsite (with 3 teams) [draft]"
    assert entry.occurred_on == dt.date(2025, 12, 31)


def test_a_day_that_does_not_exist_is_refused_quoting_its_line():
    with pytest.raises(BragDocError) as caught:
        parse("## 2024\n- [Feb 30, 2024] Shipped it\n")
    assert caught.value.problems == [
        "line 2: “- [Feb 30, 2024] Shipped it”: cannot read the date: there is no 30 February 2024"
    ]


# ---- ### wins, groups, non-win sections


def test_a_sub_heading_under_a_period_is_a_win_with_its_bullets_as_details():
    text = (
        "## 2025\n"
        "### Migrated billing to the new ledger\n"
        "- $125K saved per year\n"
        "- support rating from 3.8 to 4.5 stars\n"
        "  - the best in the company\n"
        "### Side projects\n"
        "- Mentored two juniors\n"
    )
    first, second = parse(text).wins
    assert first.title == "Migrated billing to the new ledger"
    assert first.result == (
        "$125K saved per year; support rating from 3.8 to 4.5 stars; the best in the company"
    )
    assert first.metrics == [MetricInput(125_000, "$"), MetricInput(4.5, "stars", baseline=3.8)]
    # "Side projects" groups wins: its bullets are wins of their own.
    assert second.title == "Mentored two juniors"


@pytest.mark.parametrize(
    ("heading", "kind", "action_kind"),
    [
        ("Goals", "goal", ""),
        ("Goals for next year", "goal", ""),
        ("Next steps", "action", ActionKind.OTHER),
        ("Upcoming", "action", ActionKind.OTHER),
        ("Plans", "action", ActionKind.OTHER),
        ("What I learned", "action", ActionKind.COURSE),
        ("Learning", "action", ActionKind.COURSE),
        ("Courses", "action", ActionKind.COURSE),
        ("Reading", "action", ActionKind.READING),
    ],
)
def test_sections_that_are_not_wins_are_offered_instead(heading, kind, action_kind):
    document = parse(f"## 2025\n- Shipped the refunds API\n## {heading}\n- Do the thing\n")
    assert titles(document) == ["Shipped the refunds API"]
    (offer,) = document.offers
    assert (offer.line, offer.kind, offer.title, offer.section) == (
        4,
        kind,
        "Do the thing",
        heading,
    )
    if kind == "action":
        assert offer.action_kind == action_kind


def test_a_win_may_name_a_section_word_and_stay_a_win():
    document = parse("## 2025\n### Launched the machine learning platform\n- 3x faster\n")
    assert titles(document) == ["Launched the machine learning platform"]
    assert document.offers == []


def test_a_period_still_ahead_offers_its_items_as_goals_with_its_end_as_target():
    document = parse("## 2025\n- Shipped A\n## 2027 Q1\n- Lead the platform team\n")
    (offer,) = document.offers
    assert (offer.kind, offer.target_on) == ("goal", dt.date(2027, 3, 31))
    assert titles(document) == ["Shipped A"]


def test_an_item_dated_ahead_is_offered_as_a_goal():
    (offer,) = parse("## 2026\n- Shipped A\n- [Jan 15, 2027] Speak at the summit\n").offers
    assert (offer.title, offer.target_on) == ("Speak at the summit", dt.date(2027, 1, 15))


@pytest.mark.parametrize(
    "line",
    [
        "- ❌ Launch in EMEA",
        "- Launch in EMEA ❌",
        "- Missed the Q3 launch date",
        "- Launch in EMEA (missed)",
        "- Launch in EMEA — not achieved",
        "- [ ] Launch in EMEA",
    ],
)
def test_items_marked_not_achieved_are_not_wins(line):
    document = parse(f"## 2025\n- Shipped A\n{line}\n  - because of B\n")
    assert titles(document) == ["Shipped A"]
    (skip,) = document.skipped
    assert skip.line == 3 and "not" in skip.note


def test_missing_nothing_is_a_win():
    assert titles(parse("## 2025\n- Missed no deadline all year\n")) == [
        "Missed no deadline all year"
    ]


def test_a_ticked_or_checked_item_is_a_win():
    assert titles(parse("## 2025\n- [x] Shipped A\n- ✅ Shipped B\n")) == ["Shipped A", "Shipped B"]


def test_a_win_that_beats_a_target_keeps_its_result_not_the_target():
    (entry,) = parse("## 2025\n- Grew signups by 40% against a 30% target\n").wins
    assert entry.metrics == [MetricInput(40, "%")]


# ---- prose between the bullets


def test_prose_bold_labels_and_tables_become_details_of_the_entry_above():
    text = (
        "## 2025\n"
        "- Migrated billing\n"
        "\n"
        "It took two quarters and\n"
        "three teams.\n"
        "\n"
        "**Impact:** finance closes in **two** days.\n"
        "\n"
        "| system | before | after |\n"
        "| --- | --- | --- |\n"
        "| close | 5 days | 2 days |\n"
    )
    document = parse(text)
    (entry,) = document.wins
    assert entry.title == "Migrated billing"
    assert entry.result == (
        "It took two quarters and three teams; Impact: finance closes in two days; "
        "system: close; before: 5 days; after: 2 days"
    )
    assert document.skipped == []


def test_prose_with_nothing_to_describe_is_passed_over_with_a_note_not_refused():
    text = (
        "Intro paragraph,\nstill the intro.\n\n"
        "## 2025\n"
        "Some words about the year.\n\n"
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n"
        "  - a nested bullet alone\n"
        "```\ncode\n```\n"
        "## Spring term\n"
        "- A bullet with no date\n"
        "## 2024\n- Shipped A\n"
    )
    document = parse(text)
    assert titles(document) == ["Shipped A"]
    assert [(skip.line, skip.note.split(":")[0]) for skip in document.skipped] == [
        (1, "text before the first period heading"),
        (5, "text with no item above it to describe"),
        (7, "a table with no item above it to describe"),
        (11, "a nested bullet with no item above it"),
        (12, "a code block"),
        (16, "no period heading above it and no date of its own, so no date for a win"),
    ]
    assert document.skipped[0].text == "“Intro paragraph,”"


# ---- Markdown in titles


def test_markdown_is_removed_from_titles_and_link_urls_kept_in_the_details():
    line = "- **Shipped** the [_refunds_ API](https://example.com/refunds) for `payments`"
    (entry,) = parse(f"## 2025\n{line} — 3 teams onboarded\n").wins
    assert entry.title == "Shipped the refunds API for payments"
    assert entry.result == "3 teams onboarded; refunds API: https://example.com/refunds"


def test_link_urls_do_not_count_toward_the_title_limit():
    words = "w" * 290
    (entry,) = parse(f"## 2025\n- [{words}](https://example.com/{'p' * 200})\n").wins
    assert entry.title == words
    assert entry.note == ""


def test_a_title_past_the_limit_is_shortened_and_kept_whole_in_the_details():
    sentence = "Shipped the refunds API for every market."
    long_line = sentence + " " + "and more " * 40
    (entry,) = parse(f"## 2025\n- {long_line}\n").wins
    assert entry.title == sentence
    assert entry.result.startswith(sentence + " and more")
    assert entry.note == "the title was shortened; the whole line is in the details"


# ---- duplicates


def test_two_entries_with_the_same_title_in_one_document_are_both_kept():
    document = parse("## 2025\n- Cut churn by 3 %\n- Cut churn by 3 %\n")
    assert titles(document) == ["Cut churn by 3 %", "Cut churn by 3 %"]
    assert [entry.note for entry in document.wins] == [
        "the same date and title as line 3: both are imported",
        "the same date and title as line 2: both are imported",
    ]


@pytest.mark.django_db
def test_in_document_duplicates_are_both_imported(owner):
    document = parse("## 2025\n- Cut churn by 3 %\n- Cut churn by 3 %\n")
    assert brag_doc_already_logged(owner=owner, entries=document.wins) == {}
    done = brag_doc_import(owner=owner, document=document, offers=set(), today=TODAY)
    assert len(done.wins) == 2
    assert Win.objects.for_owner(owner).filter(title="Cut churn by 3 %").count() == 2


@pytest.mark.django_db
def test_duplicates_of_the_record_are_flagged_with_the_win_they_match(owner, outsider):
    existing = WinFactory(
        owner=owner, title="Shipped  the refunds API", occurred_on=dt.date(2025, 12, 31)
    )
    WinFactory(owner=outsider, title="Cut churn", occurred_on=dt.date(2025, 12, 31))
    document = parse("## 2025\n- Shipped the refunds API\n- Cut churn\n")
    assert brag_doc_already_logged(owner=owner, entries=document.wins) == {2: existing}
    done = brag_doc_import(owner=owner, document=document, offers=set(), today=TODAY)
    assert [win.title for win in done.wins] == ["Cut churn"] and done.already == 1
    again = brag_doc_import(owner=owner, document=document, offers=set(), today=TODAY)
    assert again.wins == [] and again.already == 2


# ---- refusals


def test_only_periods_and_dates_that_cannot_be_read_refuse_and_each_is_quoted():
    text = "\n".join(
        [
            "- A bullet before any period",  # 1: passed over, not refused
            "## 2026 Q5",  # 2
            "- Under a bad period",  # 3
            "## 2026 Q1",  # 4
            "Plain text that is not a bullet",  # 5: passed over
            "- [Feb 31, 2026] A fine win",  # 6
            "- A fine win",  # 7
        ]
    )
    with pytest.raises(BragDocError) as caught:
        parse(text)
    assert caught.value.problems == [
        "line 2: “## 2026 Q5”: cannot read the period: there is no Q5 in a year",
        "line 6: “- [Feb 31, 2026] A fine win”: cannot read the date: there is no 31 February 2026",
    ]


def test_a_long_offending_line_is_quoted_cut_short():
    with pytest.raises(BragDocError) as caught:
        parse("## 2026 Q7 " + "x" * 200 + "\n- win\n")
    (problem,) = caught.value.problems
    assert problem.startswith("line 1: “## 2026 Q7 xxx") and "…”: cannot read the period" in problem


@pytest.mark.parametrize("text", ["", "# Brag doc\n\nNothing yet.\n", "## 2026 Q1\n"])
def test_a_document_without_wins_is_refused(text):
    with pytest.raises(BragDocError, match="no wins found"):
        parse(text)


def test_a_huge_document_is_refused_before_reading():
    with pytest.raises(BragDocError, match="over"):
        parse("## 2025\n" + "- win\n" * 40_000)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "## 2025",
                    "### Q2",
                    "# FY25 Q3",
                    "## Goals",
                    "- [Nov 30, 2024] Shipped",
                    "- ❌ x",
                    "  - 50K+ users",
                    "| a | b |",
                    "**Impact:** 3x",
                    "```",
                    "---",
                    "<!--",
                    "-->",
                    "- [x](y)",
                    "2024-03-05: z",
                    "## 2026 Q9",
                ]
            ),
        ),
        max_size=25,
    )
)
def test_any_text_is_read_or_refused_with_sentences_never_a_traceback(lines):
    try:
        document = parse("\n".join(lines))
    except BragDocError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        return
    for entry in document.wins:
        assert entry.title and len(entry.title) <= 300 and entry.occurred_on <= TODAY
    for offer in document.offers:
        assert offer.title and len(offer.title) <= 200


# ---- import: every win and every chosen offer, in one transaction


@pytest.mark.django_db
def test_import_writes_wins_and_the_chosen_offers_through_their_services(owner, outsider):
    document = parse(FIXTURE.read_text(encoding="utf-8"))
    assert titles(document) == [
        "Launched the partner programme",
        "Shipped the refunds API",
        "Shipped the refunds API",
        "Migrated billing to the new ledger",
    ]
    assert [(o.line, o.kind, o.title) for o in document.offers] == [
        (6, "goal", "Present the payments roadmap to the leadership team"),
        (7, "goal", "Mentor one new engineer"),
        (28, "action", "Write the on-call handbook"),
        (31, "action", "Negotiation for engineers"),
    ]
    done = brag_doc_import(owner=owner, document=document, offers={6, 31}, today=TODAY)
    assert len(done.wins) == 4
    stored = Win.objects.for_owner(owner).get(title="Launched the partner programme")
    assert stored.source == WinSource.IMPORT and stored.occurred_on == dt.date(2025, 2, 3)
    assert [(m.value, m.unit) for m in stored.metrics.all()] == [(14, "partners"), (30, "%")]
    assert "https://example.com/partners" in stored.result
    (goal,) = Goal.objects.for_owner(owner)
    assert goal.title == "Present the payments roadmap to the leadership team"
    (action,) = DevelopmentAction.objects.for_owner(owner)
    assert (action.title, action.kind) == ("Negotiation for engineers", ActionKind.COURSE)
    assert not Win.objects.for_owner(outsider).exists()


@pytest.mark.django_db
def test_an_offer_line_that_is_not_offered_is_refused_and_nothing_is_written(owner):
    document = parse(FIXTURE.read_text(encoding="utf-8"))
    with pytest.raises(BragDocError, match="line 10: nothing there is offered"):
        brag_doc_import(owner=owner, document=document, offers={6, 10}, today=TODAY)
    assert not Win.objects.for_owner(owner).exists()
    assert not Goal.objects.for_owner(owner).exists()


@pytest.mark.django_db
def test_a_failure_half_way_writes_nothing(owner):
    document = parse("## 2025\n- Shipped A\n## Goals\n- Grow\n")
    document.offers[0].title = ""  # goal_create refuses an empty title, after the wins
    with pytest.raises(BragDocError):
        brag_doc_import(owner=owner, document=document, offers={4}, today=TODAY)
    assert not Win.objects.for_owner(owner).exists()


def test_a_sub_heading_win_splits_its_result_at_a_dash_as_a_bullet_does():
    text = "## 2025\n### Launched the partner programme — 14 partners signed\n- pipeline +30 %\n"
    (entry,) = parse(text).wins
    assert entry.title == "Launched the partner programme"
    assert entry.result == "14 partners signed; pipeline +30 %"
    assert entry.metrics == [MetricInput(14, "partners"), MetricInput(30, "%")]
