import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.wins.selectors import last_win_on, months_before, win_list, win_log
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_win_list_is_newest_first_and_only_yours(owner, outsider, today):
    old = WinFactory(owner=owner, occurred_on=today - 10 * DAY)
    new = WinFactory(owner=owner, occurred_on=today)
    WinFactory(owner=outsider, occurred_on=today)
    assert list(win_list(owner=owner)) == [new, old]


def test_win_list_dates_are_inclusive(owner, today):
    before = WinFactory(owner=owner, occurred_on=today - 31 * DAY)
    first = WinFactory(owner=owner, occurred_on=today - 30 * DAY)
    last = WinFactory(owner=owner, occurred_on=today - DAY)
    WinFactory(owner=owner, occurred_on=today)
    found = win_list(owner=owner, since=today - 30 * DAY, until=today - DAY)
    assert list(found) == [last, first]
    assert before not in found


def test_win_list_by_skill_in_any_case(owner, outsider):
    skill = SkillFactory(owner=owner, name="Negotiation")
    with_skill = WinFactory(owner=owner)
    with_skill.skills.set([skill, SkillFactory(owner=owner)])
    WinFactory(owner=owner)
    theirs = WinFactory(owner=outsider)
    theirs.skills.set([SkillFactory(owner=outsider, name="Negotiation")])
    assert list(win_list(owner=owner, skill=" negotiation ")) == [with_skill]


def test_win_list_is_four_queries_whatever_the_number(owner, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            win = WinFactory(owner=owner)
            win.skills.set([SkillFactory(owner=owner)])
            ImpactMetricFactory.create_batch(2, owner=owner, win=win)
            WinAudienceFactory(owner=owner, win=win)

    make(2)
    with django_assert_num_queries(4):
        wins = list(win_list(owner=owner))
        assert [(len(w.skills.all()), len(w.metrics.all())) for w in wins] == [(1, 2), (1, 2)]
        assert all(a.person.name for w in wins for a in w.audience.all())
    make(15)
    with django_assert_num_queries(4):
        wins = list(win_list(owner=owner))
        assert sum(len(w.metrics.all()) for w in wins) == 34
        assert all(a.person.name for w in wins for a in w.audience.all())


def test_win_log_shows_what_win_list_holds_in_three_queries(
    owner, outsider, today, django_assert_num_queries
):
    skill = SkillFactory(owner=owner, name="Negotiation")
    told = WinFactory(owner=owner, occurred_on=today)
    told.skills.set([skill])
    ImpactMetricFactory.create_batch(2, owner=owner, win=told)
    WinAudienceFactory.create_batch(3, owner=owner, win=told)
    untold = WinFactory(owner=owner, occurred_on=today - DAY)
    WinFactory(owner=outsider, occurred_on=today)
    with django_assert_num_queries(3):
        shown = list(win_log(owner=owner))
        rows = [(w, w.shown_skills, len(w.shown_metrics), w.known_by) for w in shown]
    assert rows == [(told, [skill], 2, 3), (untold, [], 0, 0)]
    assert [w.shown_metrics for w in shown] == [
        list(w.metrics.all()) for w in win_list(owner=owner)
    ]
    assert list(win_log(owner=owner, skill=" negotiation ")) == [told]
    assert list(win_log(owner=owner, since=today, until=today)) == [told]


def test_last_win_on(owner, outsider, today):
    assert last_win_on(owner=owner) is None
    WinFactory(owner=owner, occurred_on=today - 40 * DAY)
    WinFactory(owner=owner, occurred_on=today - 3 * DAY)
    WinFactory(owner=outsider, occurred_on=today)
    assert last_win_on(owner=owner) == today - 3 * DAY


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 23), 6, dt.date(2026, 5, 23)),
        (dt.date(2026, 2, 15), 3, dt.date(2025, 11, 15)),
        (dt.date(2026, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2024, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 10), 12, dt.date(2025, 1, 10)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected
