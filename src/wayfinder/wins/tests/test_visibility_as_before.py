"""The visibility matrix makes its leaders and cells only when asked for; it must say what
the matrix of full lists said, which this file computes as it did (before the change)."""

import datetime as dt
from collections import Counter

import pytest

from wayfinder.network.models import Influence, Person, Role
from wayfinder.network.selectors import influential_leaders
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.wins.models import WinAudience
from wayfinder.wins.selectors import (
    VisibilityCell,
    top_wins,
    top_wins_known,
    visibility_matrix,
)
from wayfinder.wins.services import win_tell
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _as_before(*, owner, today, months=6, limit=5):
    """The matrix as full lists: every leader a Person, every cell built."""
    wins = top_wins(owner=owner, today=today, months=months, limit=limit)
    leaders = list(influential_leaders(owner=owner, today=today).only("owner", "name"))
    told = {
        (win_id, person_id): told_on
        for win_id, person_id, told_on in WinAudience.objects.for_owner(owner)
        .filter(win__in=[w.pk for w in wins], told_on__lte=today)
        .values_list("win_id", "person_id", "told_on")
    }
    rows = [(win, [VisibilityCell(p, told.get((win.pk, p.pk))) for p in leaders]) for win in wins]
    return {
        "leaders": [(p.pk, p.name) for p in leaders],
        "rows": [
            (
                win.pk,
                win.impact_score,
                any(c.known for c in cells),
                [(c.person.pk, c.person.name, c.told_on, c.known) for c in cells],
            )
            for win, cells in rows
        ],
        "gaps": [(win.pk, c.person.pk) for win, cells in rows for c in cells if not c.known],
        "known": (len(wins), list(Counter(person_id for _, person_id in told).items())),
    }


def _said(matrix):
    return {
        "leaders": [(p.pk, p.name) for p in matrix.leaders],
        "rows": [
            (
                row.win.pk,
                row.win.impact_score,
                row.known_by_any,
                [(c.person.pk, c.person.name, c.told_on, c.known) for c in row.cells],
            )
            for row in matrix.rows
        ],
        "gaps": [(win.pk, person.pk) for win, person in matrix.gaps],
        "known": (matrix.known.top, list(matrix.known.by_person.items())),
    }


@pytest.fixture
def career(owner, outsider, today):
    """Leaders, one in the reporting line, wins told, not told and told later."""
    leaders = [
        PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=level, name=name)
        for level, name in ((3, "Ana"), (3, "Bo"), (2, "Cy"), (2, "Di"), (4, "Ed"))
    ]
    boss = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=1)
    PersonRoleFactory(owner=owner, person=boss, role=Role.MANAGER)
    low = PersonFactory(owner=owner, influence=Influence.LOW)
    wins = [
        WinFactory(owner=owner, title=f"win {i}", occurred_on=today - (5 * i) * DAY)
        for i in range(8)
    ]
    ImpactMetricFactory(owner=owner, win=wins[3], baseline=4)
    ImpactMetricFactory(owner=owner, win=wins[5])
    for win, person, days in (
        (wins[0], leaders[1], -2),
        (wins[0], leaders[3], 0),
        (wins[1], boss, 0),
        (wins[2], low, -1),
        (wins[3], leaders[0], 1),  # told tomorrow: not yet
        (wins[3], leaders[4], -3),
        (wins[5], leaders[2], -10),
        (wins[6], leaders[1], -1),
    ):
        win_tell(owner=owner, win=win, person=person, told_on=today + days * DAY)
    WinFactory(owner=outsider, occurred_on=today)
    PersonFactory(owner=outsider, influence=Influence.HIGH)
    return leaders


@pytest.mark.parametrize("days_back", [0, 1, 12, 40, 400])
@pytest.mark.parametrize("limit", [1, 3, 5, 10])
def test_the_matrix_says_what_the_full_lists_said(career, owner, today, days_back, limit):
    day = today - days_back * DAY
    assert _said(visibility_matrix(owner=owner, today=day, limit=limit)) == _as_before(
        owner=owner, today=day, limit=limit
    )


def test_without_wins_or_leaders_the_matrix_is_empty_as_before(owner, today):
    assert _said(visibility_matrix(owner=owner, today=today)) == _as_before(
        owner=owner, today=today
    )
    WinFactory(owner=owner)
    matrix = visibility_matrix(owner=owner, today=today)
    assert _said(matrix) == _as_before(owner=owner, today=today)
    assert matrix.rows[0].cells == [] and not matrix.rows[0].known_by_any
    assert len(matrix.gaps) == 0 and list(matrix.gaps) == []


def test_leaders_cells_and_gaps_behave_as_lists(career, owner, today):
    matrix = visibility_matrix(owner=owner, today=today)
    leaders = list(influential_leaders(owner=owner, today=today))
    assert matrix.leaders == leaders and leaders == list(matrix.leaders)
    assert matrix.leaders != leaders[:-1] and matrix.leaders != "leaders"
    assert len(matrix.leaders) == 5 and matrix.leaders[-1] == leaders[-1]
    assert matrix.leaders[1:3] == leaders[1:3] and matrix.leaders[:8] == leaders
    assert matrix.leaders[0] is matrix.leaders[0]  # made once
    assert repr(matrix.leaders) == repr(leaders)
    with pytest.raises(IndexError):
        matrix.leaders[5]
    with pytest.raises(TypeError):
        hash(matrix.leaders)
    row = matrix.rows[0]
    assert row.cells[0].person is matrix.leaders[0]
    assert [c.person for c in row.cells[:2]] == leaders[:2]
    assert len(matrix.gaps) == sum(1 for r in matrix.rows for c in r.cells if not c.known)
    assert matrix.gaps[0] == next(
        (r.win, c.person) for r in matrix.rows for c in r.cells if not c.known
    )


def test_a_leader_is_a_person_with_only_the_name_read(
    career, owner, today, django_assert_num_queries
):
    matrix = visibility_matrix(owner=owner, today=today)
    leader = matrix.leaders[0]
    assert isinstance(leader, Person) and leader.owner_id == owner.pk
    assert leader.get_deferred_fields() == (
        influential_leaders(owner=owner, today=today).only("owner", "name")[0].get_deferred_fields()
    )
    with django_assert_num_queries(0):
        assert leader.name == "Ed" and leader.pk == career[4].pk
    with django_assert_num_queries(1):  # a field not read is read when asked for, as before
        assert leader.influence == Influence.HIGH


def test_only_the_owners_ledger_is_read(career, owner, outsider, today):
    """The ledger is read by the owner's rows, as `for_owner` reads them: a row of another
    owner's on one of these wins (which no service writes) is not counted."""
    win = top_wins(owner=owner, today=today, limit=1)[0]
    stranger = PersonFactory(owner=outsider, influence=Influence.HIGH)
    WinAudienceFactory(owner=outsider, win=win, person=stranger, told_on=today - DAY)
    matrix = visibility_matrix(owner=owner, today=today)
    assert stranger.pk not in matrix.known.by_person
    assert _said(matrix) == _as_before(owner=owner, today=today)
    assert stranger.pk not in top_wins_known(owner=owner, today=today, months=6, limit=5).by_person
