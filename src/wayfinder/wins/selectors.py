"""Reads for wins: the log, the top wins by impact, and who knows about them."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar, overload

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from wayfinder.core.models import Profile, Skill
from wayfinder.network.candidates import WinsKnown
from wayfinder.network.models import Influence, Person
from wayfinder.network.selectors import influential_leaders
from wayfinder.wins.models import ImpactMetric, Win, WinAudience
from wayfinder.wins.services import WinError

T = TypeVar("T")

# The impact score that ranks top wins. A win scores:
#   2 per impact metric, counting at most 3 (numbers show impact; padding does not),
#   + 2 when some metric has a baseline (a result against a before is stronger),
#   + for each person who knows about it (on or before today): 3 if their influence is
#     high, 2 if medium, 1 if low (a win that weighty people know of weighs more).
# Ties go to the more recent win.
METRIC_POINTS, METRICS_COUNTED, BASELINE_POINTS = 2, 3, 2
INFLUENCE_POINTS = {Influence.HIGH: 3, Influence.MEDIUM: 2, Influence.LOW: 1}


def win_list(
    *,
    owner: Profile,
    since: dt.date | None = None,
    until: dt.date | None = None,
    skill: str | None = None,
) -> QuerySet[Win]:
    """Wins newest first, with skills, metrics and audience; dates inclusive, skill any case.

    Four queries whatever the number of wins.
    """
    return (
        _wins_in(owner=owner, since=since, until=until, skill=skill)
        .prefetch_related(
            "skills",
            "metrics",
            Prefetch("audience", queryset=WinAudience.objects.select_related("person")),
        )
        .order_by("-occurred_on", "-id")
    )


def win_log(
    *,
    owner: Profile,
    since: dt.date | None = None,
    until: dt.date | None = None,
    skill: str | None = None,
) -> QuerySet[Win]:
    """The wins page: `win_list`'s wins, each with `shown_skills` and `shown_metrics`
    (lists) and `known_by` (how many people know of it).

    Plain lists, not related managers: the page shows 50 wins at once, and a manager per
    win and relation cost more CPU than the queries. Three queries whatever the number.
    """
    known_by = Coalesce(
        Subquery(
            WinAudience.objects.filter(win=OuterRef("pk"))
            .order_by()
            .values("win")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    return (
        _wins_in(owner=owner, since=since, until=until, skill=skill)
        .annotate(known_by=known_by)
        .prefetch_related(
            Prefetch("skills", to_attr="shown_skills"),
            Prefetch("metrics", to_attr="shown_metrics"),
        )
        .order_by("-occurred_on", "-id")
    )


def _wins_in(
    *, owner: Profile, since: dt.date | None, until: dt.date | None, skill: str | None
) -> QuerySet[Win]:
    """The owner's wins in the dates (inclusive) with the skill (any case), if given."""
    wins = Win.objects.for_owner(owner)
    if since is not None:
        wins = wins.filter(occurred_on__gte=since)
    if until is not None:
        wins = wins.filter(occurred_on__lte=until)
    if skill is not None:
        wins = wins.filter(skills__name__iexact=" ".join(skill.split()))
    return wins


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or the month's last day if it has no such day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _impact_score(today: dt.date) -> RawSQL:
    """The impact score above, for the database to rank a period's wins by: SQL written
    once from the points above, not ORM expressions, because compiling three subqueries
    and their cases cost several times the CPU of running them (10,630 Python calls
    against 2,424 for the top wins of the heavy dataset). It names the win's table, so it
    ranks a query on wins (not a subquery whose tables the ORM renames)."""
    quote = connection.ops.quote_name
    win, metric, audience, person = (
        quote(model._meta.db_table) for model in (Win, ImpactMetric, WinAudience, Person)
    )
    weights = " ".join(f"WHEN %s THEN {int(points)}" for points in INFLUENCE_POINTS.values())
    sql = (
        f"(SELECT CASE WHEN COUNT(*) > {METRICS_COUNTED} THEN {METRICS_COUNTED} ELSE COUNT(*)"
        f" END FROM {metric} m WHERE m.win_id = {win}.id) * {METRIC_POINTS}"
        f" + CASE WHEN EXISTS (SELECT 1 FROM {metric} m WHERE m.win_id = {win}.id"
        f" AND m.baseline IS NOT NULL) THEN {BASELINE_POINTS} ELSE 0 END"
        f" + COALESCE((SELECT SUM(CASE p.influence {weights} ELSE 0 END)"
        f" FROM {audience} a INNER JOIN {person} p ON p.id = a.person_id"
        f" WHERE a.win_id = {win}.id AND a.told_on <= %s), 0)"
    )
    levels = [Influence(level).value for level in INFLUENCE_POINTS]
    return RawSQL(sql, [*levels, today], output_field=IntegerField())


def top_wins(
    *,
    owner: Profile,
    today: dt.date,
    months: int = 6,
    limit: int = 5,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Win]:
    """The top wins of a period: the `limit` wins with the highest impact score (see the
    score above), each with `impact_score` set. The period is `since` to `until` (both
    included) when given, else the last `months` months (from the same day then) to today.
    The one rule for "top wins" on every surface: the narrative, the visibility matrix,
    resume.json."""
    return list(
        _top(owner=owner, today=today, months=months, limit=limit, since=since, until=until)
    )


def _top(
    *,
    owner: Profile,
    today: dt.date,
    months: int,
    limit: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Win]:
    """`top_wins` as a query, for a reader that needs only some of each win."""
    if months < 1 or limit < 1:
        raise WinError("ask for at least one win over at least one month")
    since = months_before(today, months) if since is None else since
    until = today if until is None else until
    return _by_impact(owner=owner, since=since, until=until, today=today)[:limit]


def _by_impact(
    *, owner: Profile, since: dt.date | None, until: dt.date | None, today: dt.date
) -> QuerySet[Win]:
    """The wins of a period, strongest first by the impact score above (set on each as
    `impact_score`); ties go to the more recent win."""
    return (
        win_list(owner=owner, since=since, until=until)
        .annotate(impact_score=_impact_score(today))
        .order_by("-impact_score", "-occurred_on", "-id")
    )


class VisibilityCell(NamedTuple):
    # A tuple: a matrix holds a cell per top win and leader, hundreds of leaders on a long
    # career, and a frozen dataclass cost more to build than the ledger to read.
    person: Person
    told_on: dt.date | None  # None: a gap, this leader does not know this win

    @property
    def known(self) -> bool:
        return self.told_on is not None


class _Built(Sequence[T]):
    """A read-only list whose items are made when first asked for: the matrix's leaders
    and cells, hundreds of them on a long career when the dashboard shows eight. Compares
    equal to any sequence of the same items, as the list it stands for would."""

    def __init__(self, size: int, make: Callable[[int], T]) -> None:
        self._items: list[T | None] = [None] * size
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # an IndexError out of range, as a list's
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._make(index)
        return item

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list

    def __repr__(self) -> str:
        return repr(list(self))


@dataclass(frozen=True)
class VisibilityRow:
    win: Win
    cells: Sequence[VisibilityCell]

    @property
    def known_by_any(self) -> bool:
        return any(_knowns(self.cells))


@dataclass(frozen=True)
class VisibilityMatrix:
    leaders: Sequence[Person]
    rows: list[VisibilityRow]
    # How many of the top wins each person (leader or not) knows, from the same read:
    # `top_wins_known` for a caller that has the matrix already.
    known: WinsKnown = field(default_factory=lambda: WinsKnown(top=0, by_person={}))

    @property
    def gaps(self) -> Sequence[tuple[Win, Person]]:
        """Every (win, leader) pair where the leader does not know the win, row by row."""
        pairs = [
            (row.win, index)
            for row in self.rows
            for index, cell_known in enumerate(_knowns(row.cells))
            if not cell_known
        ]
        return _Built(len(pairs), lambda i: (pairs[i][0], self.leaders[pairs[i][1]]))


def _knowns(cells: Sequence[VisibilityCell]) -> Iterable[bool]:
    """Whether each cell's leader knows the win, without making the cells the matrix has
    not made yet."""
    if isinstance(cells, _Cells):
        return (day is not None for day in cells.told_on)
    return (cell.known for cell in cells)


class _Cells(_Built[VisibilityCell]):
    """A row's cells, made from the leaders and the days each was told (None: a gap)."""

    def __init__(self, leaders: Sequence[Person], told_on: list[dt.date | None]) -> None:
        super().__init__(len(told_on), lambda i: VisibilityCell(leaders[i], told_on[i]))
        self.told_on = told_on


# What the matrix reads of a leader: shown by name only (the matrix, its chart, the
# nudge). Each becomes a Person with only these loaded, as `.only("owner", "name")` makes.
_LEADER_FIELDS = [
    f.attname for f in Person._meta.concrete_fields if f.name in ("id", "owner", "name")
]


def _told_by(*, owner: Profile, win_ids: list[int], today: dt.date) -> QuerySet[WinAudience]:
    """Who had been told of these wins by `today`: the ledger rows the visibility matrix
    shows and `top_wins_known` counts (pk 0 never exists, so no wins reads nothing).

    The owner's rows, as `for_owner` reads them, but by an expression of the owner
    column: a plain `owner_id = ?` made SQLite read the whole ledger by its owner index
    rather than the few wins' rows by the win index (2.1 ms against 0.2 on the heavy
    dataset, for 15 rows of 7,734)."""
    return (
        WinAudience.objects.alias(read_for=F("owner_id") + 0)
        .filter(read_for=owner.pk)
        .filter(win__in=win_ids or [0], told_on__lte=today)
    )


def visibility_matrix(
    *, owner: Profile, today: dt.date, months: int = 6, limit: int = 5
) -> VisibilityMatrix:
    """Top wins (rows) x influential leaders outside the reporting line (columns): who knows
    which win, since when, and where the gaps are. The same queries with or without wins
    or leaders (pk 0 never exists).

    The leaders are read as rows of their pk and name, and each leader (a Person) and
    cell is made only when asked for: the dashboard shows eight of hundreds. Whether a win
    is known to some leader, and how many gaps there are, need neither."""
    # The matrix names each top win (its title): none of its related rows are read.
    wins = list(_top(owner=owner, today=today, months=months, limit=limit).prefetch_related(None))
    leaders_read = influential_leaders(owner=owner, today=today).values_list(*_LEADER_FIELDS)
    rows_read = list(leaders_read)
    db = leaders_read.db
    leaders = _Built(len(rows_read), lambda i: Person.from_db(db, _LEADER_FIELDS, rows_read[i]))
    pk_at = _LEADER_FIELDS.index("id")
    leader_pks = [row[pk_at] for row in rows_read]
    # Everyone told of the few top wins, read by win; the cells below keep the leaders.
    # (Naming hundreds of leaders in the query made the database read the whole ledger.)
    told = dict(
        ((win_id, person_id), told_on)
        for win_id, person_id, told_on in _told_by(
            owner=owner, win_ids=[w.pk for w in wins], today=today
        ).values_list("win_id", "person_id", "told_on")
    )
    rows = [
        VisibilityRow(win, _Cells(leaders, [told.get((win.pk, pk)) for pk in leader_pks]))
        for win in wins
    ]
    # A (win, person) pair is told once (the ledger is unique), so counting pairs per
    # person counts the distinct wins they know, as `top_wins_known` does in SQL.
    known = WinsKnown(top=len(wins), by_person=Counter(person_id for _, person_id in told))
    return VisibilityMatrix(leaders=leaders, rows=rows, known=known)


def top_wins_known(*, owner: Profile, today: dt.date, months: int, limit: int) -> WinsKnown:
    """How many top wins there are (`top_wins` over the last `months`), and how many of them
    each person has been told of by `today`: what ranks sponsor candidates. Two queries,
    with or without wins (pk 0 never exists)."""
    wins = list(_top(owner=owner, today=today, months=months, limit=limit).values_list("pk"))
    told = (
        _told_by(owner=owner, win_ids=[pk for (pk,) in wins], today=today)
        .order_by()
        .values_list("person_id")
        .annotate(known=Count("win_id", distinct=True))
    )
    return WinsKnown(top=len(wins), by_person=dict(told))


def last_win_on(*, owner: Profile) -> dt.date | None:
    """The date of the most recent win, or None if none is logged."""
    return Win.objects.for_owner(owner).aggregate(last=Max("occurred_on"))["last"]


def wins_told_in_period(
    *, owner: Profile, since: dt.date, until: dt.date, today: dt.date
) -> QuerySet[WinAudience]:
    """Who was told of which win of the period (`since` to `until`, both included), by
    `today`: ledger entries of active people with their person and win, by person name,
    then the day told."""
    return (
        WinAudience.objects.for_owner(owner)
        .filter(
            win__occurred_on__gte=since,
            win__occurred_on__lte=until,
            told_on__lte=today,
            person__is_active=True,
        )
        .select_related("person", "win")
        .order_by("person__name", "person_id", "told_on", "id")
    )


def wins_known_by(*, owner: Profile, person: Person) -> QuerySet[WinAudience]:
    """The ledger entries of the wins a person knows about, most recently told first."""
    return (
        WinAudience.objects.for_owner(owner)
        .filter(person=person)
        .select_related("win")
        .order_by("-told_on", "-id")
    )


def wins_with_collaborator(*, owner: Profile, person: Person) -> QuerySet[Win]:
    """The wins a person did with the owner, newest first."""
    return Win.objects.for_owner(owner).filter(collaborators=person).order_by("-occurred_on", "-id")


def period_start(*, period: str, today: dt.date) -> dt.date | None:
    """Where a named period of the win log starts: 'quarter' (this calendar quarter),
    '6m', 'year' (the last 12 months); None for all time."""
    if period == "quarter":
        return dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    if period == "6m":
        return months_before(today, 6)
    if period == "year":
        return months_before(today, 12)
    return None


def win_skill_names(*, owner: Profile) -> list[str]:
    """The names of the skills some win shows, for filtering the log."""
    return list(
        Skill.objects.for_owner(owner)
        .filter(Exists(Win.skills.through.objects.filter(skill=OuterRef("pk"))))
        .order_by("name")
        .values_list("name", flat=True)
    )
