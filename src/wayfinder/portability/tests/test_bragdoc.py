"""The brag document parser: periods, results, metrics, and every bad line named."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.portability.bragdoc import (
    BragDocError,
    brag_doc_import,
    brag_doc_parse,
    metrics_find,
    period_parse,
)
from wayfinder.wins.models import Win, WinSource
from wayfinder.wins.services import MetricInput

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
    ],
)
def test_period_headings(heading, start, end):
    assert period_parse(heading) == (start, end)


@pytest.mark.parametrize("heading", ["2026 Q5", "H3 2026", "2026-13", "Smarch 2026"])
def test_a_period_that_cannot_be_read_is_an_error(heading):
    with pytest.raises(ValueError):
        period_parse(heading)


@pytest.mark.parametrize("heading", ["Brag document", "Side projects", "Wins"])
def test_other_headings_name_no_period(heading):
    assert period_parse(heading) is None


def test_a_good_document(today):
    entries = brag_doc_parse(GOOD, today=today)
    assert [(e.line, e.period, e.occurred_on, e.title) for e in entries] == [
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
    first, second, third, fourth, fifth = entries
    assert first.result == "14 partners signed; pipeline +30 % in the quarter"
    assert first.metrics == [MetricInput(14, "partners"), MetricInput(30, "%")]
    assert second.result == "cut ramp-up from 20 days to 12 days"
    assert second.metrics == [MetricInput(20, "days"), MetricInput(12, "days")]
    assert third.result == "$1.2M over three years"
    assert third.metrics == [MetricInput(1_200_000, "$")]
    assert fourth.result == "" and fourth.metrics == []
    assert fifth.metrics == [MetricInput(400, "people")]


def test_the_running_period_is_dated_today(today):
    entries = brag_doc_parse("## 2026 Q4\n- Ran the offsite\n", today=today)
    assert entries[0].occurred_on == today


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("saved $1.2M", MetricInput(1_200_000, "$")),
        ("a €3bn market", MetricInput(3_000_000_000, "€")),
        ("cut £400k of spend", MetricInput(400_000, "£")),
        ("$1,250 a seat", MetricInput(1250, "$")),
    ],
)
def test_money_is_stored_in_plain_units_as_quick_capture_stores_it(text, metric):
    assert metrics_find(text) == [metric]


def test_a_metric_in_the_title_counts_when_there_is_no_result():
    assert metrics_find("Cut churn by 12.5 % and saved 1,200 hours") == [
        MetricInput(12.5, "%"),
        MetricInput(1200, "hours"),
    ]
    assert metrics_find("Read 3 books about Q3 planning") == []


def test_a_bad_document_names_every_line_at_fault(today):
    text = "\n".join(
        [
            "- A win before any period",  # 1
            "## 2026 Q5",  # 2
            "- Under a bad period",  # 3
            "## 2027",  # 4
            "## 2026 Q1",  # 5
            "  - nested with no win",  # 6
            "Plain text that is not a bullet",  # 7
            "- " + "x" * 301,  # 8
            "- A fine win",  # 9
        ]
    )
    with pytest.raises(BragDocError) as caught:
        brag_doc_parse(text, today=today)
    lines = [problem.split(":")[0] for problem in caught.value.problems]
    assert lines == [f"line {n}" for n in (1, 2, 3, 4, 6, 7, 8)]
    assert "has not started yet" in caught.value.problems[3]


@pytest.mark.parametrize("text", ["", "# Brag doc\n\nNothing yet.\n", "## 2026 Q1\n"])
def test_a_document_without_wins_is_refused(text, today):
    with pytest.raises(BragDocError, match="no wins found"):
        brag_doc_parse(text, today=today)


def test_a_huge_document_is_refused_before_reading(today):
    with pytest.raises(BragDocError, match="over"):
        brag_doc_parse("## 2025\n" + "- win\n" * 40_000, today=today)


@pytest.mark.django_db
def test_import_writes_every_entry_as_an_imported_win(owner, outsider, today):
    wins = brag_doc_import(owner=owner, entries=brag_doc_parse(GOOD, today=today))
    assert len(wins) == 5
    stored = Win.objects.for_owner(owner).get(title="Launched the partner programme")
    assert stored.source == WinSource.IMPORT
    assert [(m.value, m.unit) for m in stored.metrics.all()] == [(14, "partners"), (30, "%")]
    assert not Win.objects.for_owner(outsider).exists()


@pytest.mark.django_db
def test_importing_the_same_brag_doc_twice_adds_nothing_the_second_time(owner):
    from wayfinder.portability.bragdoc import brag_doc_already_logged

    text = "## 2025\n- Launched the partner programme\n- Cut churn by 3 %\n- Cut churn by 3 %\n"
    entries = brag_doc_parse(text, today=dt.date(2026, 11, 23))
    assert brag_doc_already_logged(owner=owner, entries=entries) == {entries[2].line}
    assert len(brag_doc_import(owner=owner, entries=entries)) == 2
    assert brag_doc_already_logged(owner=owner, entries=entries) == {e.line for e in entries}
    assert brag_doc_import(owner=owner, entries=entries) == []
    assert Win.objects.for_owner(owner).count() == 2
