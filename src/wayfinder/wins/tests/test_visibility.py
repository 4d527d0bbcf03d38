import datetime as dt

import pytest

from wayfinder.network.models import Influence, Role
from wayfinder.network.selectors import influential_leaders
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.wins.models import WinAudience
from wayfinder.wins.selectors import top_wins, visibility_matrix
from wayfinder.wins.services import WinError, win_tell, win_untell
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_telling_twice_keeps_one_row_and_the_earliest_date(owner, today):
    win, person = WinFactory(owner=owner), PersonFactory(owner=owner)
    first = win_tell(owner=owner, win=win, person=person, told_on=today)
    again = win_tell(owner=owner, win=win, person=person, told_on=today + 5 * DAY)
    assert again.pk == first.pk and again.told_on == today
    earlier = win_tell(owner=owner, win=win, person=person, told_on=today - 5 * DAY)
    assert earlier.pk == first.pk
    assert WinAudience.objects.get().told_on == today - 5 * DAY


def test_telling_refuses_another_owners_person_or_win(owner, outsider, today):
    mine, theirs = WinFactory(owner=owner), PersonFactory(owner=outsider)
    with pytest.raises(WinError, match="person is not one of yours"):
        win_tell(owner=owner, win=mine, person=theirs, told_on=today)
    with pytest.raises(WinError, match="win is not one of yours"):
        win_tell(
            owner=owner,
            win=WinFactory(owner=outsider),
            person=PersonFactory(owner=owner),
            told_on=today,
        )
    assert not WinAudience.objects.exists()


def test_untell_removes_only_that_person(owner, outsider, today):
    win = WinFactory(owner=owner)
    gone, stays = PersonFactory(owner=owner), PersonFactory(owner=owner)
    for person in (gone, stays):
        win_tell(owner=owner, win=win, person=person, told_on=today)
    win_untell(owner=owner, win=win, person=gone)
    win_untell(owner=owner, win=win, person=gone)
    assert [a.person for a in win.audience.all()] == [stays]
    with pytest.raises(WinError, match="not one of yours"):
        win_untell(owner=owner, win=win, person=PersonFactory(owner=outsider))


def test_impact_score_counts_metrics_baseline_and_audience_influence(owner, today):
    plain = WinFactory(owner=owner, title="plain", occurred_on=today)
    measured = WinFactory(owner=owner, title="measured", occurred_on=today - DAY)
    ImpactMetricFactory.create_batch(5, owner=owner, win=measured)  # 3 count: 6
    baselined = WinFactory(owner=owner, title="baselined", occurred_on=today - DAY)
    ImpactMetricFactory(owner=owner, win=baselined, baseline=12)  # 2 + 2
    known = WinFactory(owner=owner, title="known", occurred_on=today - 2 * DAY)
    for influence in (Influence.HIGH, Influence.MEDIUM, Influence.LOW):  # 3 + 2 + 1
        WinAudienceFactory(owner=owner, win=known, person__influence=influence)
    WinAudienceFactory(owner=owner, win=plain, told_on=today + DAY)  # not yet: 0
    ranked = top_wins(owner=owner, today=today, limit=10)
    assert [(w.title, w.impact_score) for w in ranked] == [
        ("measured", 6),
        ("known", 6),
        ("baselined", 4),
        ("plain", 0),
    ]


def test_ties_go_to_the_more_recent_win(owner, today):
    older = WinFactory(owner=owner, occurred_on=today - 10 * DAY)
    newer = WinFactory(owner=owner, occurred_on=today - DAY)
    assert top_wins(owner=owner, today=today) == [newer, older]


def test_top_wins_window_and_limit(owner, outsider, today):
    edge = WinFactory(owner=owner, occurred_on=dt.date(2026, 5, 23))
    WinFactory(owner=owner, occurred_on=dt.date(2026, 5, 22))
    WinFactory(owner=owner, occurred_on=today + DAY)
    WinFactory(owner=outsider, occurred_on=today)
    recent = WinFactory.create_batch(5, owner=owner, occurred_on=today)
    assert edge in top_wins(owner=owner, today=today, limit=10)
    assert len(top_wins(owner=owner, today=today, limit=10)) == 6
    assert set(top_wins(owner=owner, today=today)) == set(recent)
    assert top_wins(owner=owner, today=today, months=1, limit=10) == sorted(
        recent, key=lambda w: -w.pk
    )
    with pytest.raises(WinError, match="at least one"):
        top_wins(owner=owner, today=today, limit=0)


def test_leaders_are_high_influence_outside_the_reporting_line(owner, outsider, today):
    cro = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=3, name="Cro")
    cfo = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=3, name="Cfo")
    boss = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=1)
    PersonRoleFactory(owner=owner, person=boss, role=Role.MANAGER)
    skip = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=2)
    PersonRoleFactory(owner=owner, person=skip, role=Role.SKIP_LEVEL)
    former = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=2, name="Ex")
    PersonRoleFactory(owner=owner, person=former, role=Role.MANAGER, ended_on=today)
    PersonRoleFactory(owner=owner, person=cro, role=Role.SPONSOR)
    PersonFactory(owner=owner, influence=Influence.MEDIUM)
    PersonFactory(owner=owner, influence=Influence.HIGH, is_active=False)
    PersonFactory(owner=outsider, influence=Influence.HIGH)
    assert list(influential_leaders(owner=owner, today=today)) == [cfo, cro, former]


def test_visibility_matrix_marks_known_cells_and_gaps(owner, outsider, today):
    cro = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=3, name="Cro")
    vp = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=2, name="Vp")
    boss = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=1)
    PersonRoleFactory(owner=owner, person=boss, role=Role.MANAGER)
    big = WinFactory(owner=owner, title="big", occurred_on=today - 20 * DAY)
    ImpactMetricFactory(owner=owner, win=big, baseline=10)
    small = WinFactory(owner=owner, title="small", occurred_on=today - 2 * DAY)
    unseen = WinFactory(owner=owner, title="unseen", occurred_on=today - 3 * DAY)
    win_tell(owner=owner, win=big, person=cro, told_on=today - 10 * DAY)
    win_tell(owner=owner, win=small, person=boss, told_on=today)  # the manager: not a leader
    win_tell(owner=owner, win=unseen, person=vp, told_on=today + DAY)  # not yet told
    WinFactory(owner=outsider, occurred_on=today)
    matrix = visibility_matrix(owner=owner, today=today)
    assert matrix.leaders == [cro, vp]
    assert [r.win.title for r in matrix.rows] == ["big", "small", "unseen"]
    big_row = matrix.rows[0]
    assert [(c.person, c.known, c.told_on) for c in big_row.cells] == [
        (cro, True, today - 10 * DAY),
        (vp, False, None),
    ]
    assert big_row.known_by_any
    assert not matrix.rows[1].known_by_any  # only the manager knows
    assert not matrix.rows[2].known_by_any
    assert matrix.gaps == [(big, vp), (small, cro), (small, vp), (unseen, cro), (unseen, vp)]


def test_visibility_matrix_without_leaders_has_rows_and_no_cells(owner, today):
    WinFactory(owner=owner)
    matrix = visibility_matrix(owner=owner, today=today)
    assert matrix.leaders == [] and len(matrix.rows) == 1
    assert matrix.rows[0].cells == [] and matrix.gaps == []


def test_visibility_matrix_is_three_queries_whatever_the_number(
    owner, today, django_assert_num_queries
):
    def make(n):
        for _ in range(n):
            leader = PersonFactory(owner=owner, influence=Influence.HIGH)
            win = WinFactory(owner=owner)
            ImpactMetricFactory(owner=owner, win=win)
            WinAudienceFactory(owner=owner, win=win, person=leader)

    make(2)
    with django_assert_num_queries(3):
        matrix = visibility_matrix(owner=owner, today=today)
        assert len(matrix.gaps) == 2
    make(20)
    with django_assert_num_queries(3):
        matrix = visibility_matrix(owner=owner, today=today)
        assert len(matrix.leaders) == 22 and len(matrix.rows) == 5
        # Each top win is named by its title, read with it; no related rows are read.
        assert all(row.win.title for row in matrix.rows)
        # What the dashboard shows of a leader (the name) was read with them: no query more.
        assert all(leader.name for leader in matrix.leaders)
        assert all(cell.person.name for row in matrix.rows for cell in row.cells)


def test_visibility_matrix_costs_the_same_with_or_without_leaders(
    owner, today, django_assert_num_queries
):
    """Who was told is read whoever the leaders are, so the dashboard's count is fixed."""
    WinFactory(owner=owner)
    with django_assert_num_queries(3):
        assert visibility_matrix(owner=owner, today=today).leaders == []
    PersonFactory(owner=owner, influence=Influence.HIGH)
    with django_assert_num_queries(3):
        assert len(visibility_matrix(owner=owner, today=today).leaders) == 1
