"""Metrics read out of a sentence (a brag document's line) by the rules of `metric_parse`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core.metrics import metric_format
from wayfinder.core.parsing import Metric, metric_parse, metrics_find


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("Reached 50K+ users", [Metric(50_000, "+ users")]),
        ("Closed $125K in new ARR", [Metric(125_000, "$")]),
        ("App rating from 3.8 to 4.5 stars", [Metric(4.5, "stars", 3.8)]),
        ("App rating 3.8 → 4.5 stars", [Metric(4.5, "stars", 3.8)]),
        ("cut ramp-up from 20 days to 12 days", [Metric(12, "days", 20)]),
        ("Reduced churn by 40%", [Metric(40, "%")]),
        ("pipeline +30 % in the quarter", [Metric(30, "%")]),
        ("saved $400k per year", [Metric(400_000, "$", None, "per year")]),
        ("a €3bn market, 3x faster", [Metric(3e9, "€"), Metric(3, "x")]),
        ("$1,250 a seat", [Metric(1250, "$")]),
        ("14 partners signed and 400 people came", [Metric(14, "partners"), Metric(400, "people")]),
    ],
)
def test_metrics_are_read_as_they_are_written_in_prose(text, metrics):
    assert metrics_find(text) == metrics


@pytest.mark.parametrize(
    "text",
    [
        "Read 3 books about Q3 planning",
        "Shipped v2.3.4 in 2024",
        "Aiming for a 30% target next year",
        "target of 30%",
        "goal: 40 %",
        "1" * 10_000,
    ],
)
def test_bare_numbers_and_targets_are_not_results(text):
    assert metrics_find(text) == []


def test_a_result_is_read_beside_its_target():
    assert metrics_find("hit 35% against a 30% target") == [Metric(35, "%")]


def test_two_units_that_do_not_make_a_baseline_are_two_metrics():
    assert metrics_find("from 3 days to 5 %") == [Metric(3, "days"), Metric(5, "%")]


def test_a_metric_found_in_prose_is_the_metric_typed_on_its_own():
    (found,) = metrics_find("we reached 50K+ users in March")
    assert found == metric_parse("50K+ users")
    assert metric_format(*found) == "50k+ users"


@given(st.text(max_size=300))
def test_any_text_is_read_without_an_error(text):
    for metric in metrics_find(text):
        assert isinstance(metric, Metric)
