"""Top wins of a given period: the one ranking the narrative shows (issue 9, §A1)."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.wins.selectors import top_wins
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 6, 30)


def test_a_period_bounds_the_top_wins_both_days_included(owner, outsider, today):
    before = WinFactory(owner=owner, occurred_on=START - dt.timedelta(days=1))
    first = WinFactory(owner=owner, occurred_on=START)
    last = WinFactory(owner=owner, occurred_on=END)
    after = WinFactory(owner=owner, occurred_on=END + dt.timedelta(days=1))
    for win in (before, after):
        ImpactMetricFactory(owner=owner, win=win, baseline=1)
    WinFactory(owner=outsider, occurred_on=START)

    ranked = top_wins(owner=owner, today=today, since=START, until=END, limit=10)

    # A period well over six months ago: the default window would hold none of them.
    assert ranked == [last, first]
    assert top_wins(owner=owner, today=today, limit=10) == []


def test_in_a_period_the_strongest_come_first_up_to_the_limit(owner, today):
    weak = WinFactory(owner=owner, occurred_on=dt.date(2025, 5, 1))
    strong = WinFactory(owner=owner, occurred_on=dt.date(2025, 2, 1))
    ImpactMetricFactory(owner=owner, win=strong, baseline=1)
    ImpactMetricFactory(owner=owner, win=strong)
    middle = WinFactory(owner=owner, occurred_on=dt.date(2025, 3, 1))
    ImpactMetricFactory(owner=owner, win=middle)

    assert top_wins(owner=owner, today=today, since=START, until=END, limit=2) == [strong, middle]
    assert weak in top_wins(owner=owner, today=today, since=START, until=END, limit=3)
