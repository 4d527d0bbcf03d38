"""Reads for the network: who is in it, in which roles, how recently met, how broad."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DateField,
    Exists,
    Expression,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, NullIf, TruncDate

from wayfinder.core.clock import UnknownTimeZone, zone_named
from wayfinder.core.models import Profile
from wayfinder.network.models import (
    REPORTING_LINE_ROLES,
    Influence,
    Interaction,
    InteractionKind,
    Person,
    PersonRole,
    Role,
)
from wayfinder.network.services import NetworkError

# The roles the people grid marks on a person's card.
GRID_MARKED_ROLES = (Role.MENTOR, Role.SPONSOR, Role.STAKEHOLDER)


def _holding(role: str, today: dt.date) -> Exists:
    return Exists(PersonRole.objects.held_on(today).filter(person=OuterRef("pk"), role=role))


def _with_current_roles(people: QuerySet[Person], today: dt.date) -> QuerySet:
    """Prefetch the roles a person holds on `today` into `person.current_roles`."""
    current = PersonRole.objects.held_on(today).order_by("role")
    return people.prefetch_related(Prefetch("roles", queryset=current, to_attr="current_roles"))


class _LastMetOn(Expression):
    """The date of a person's latest interaction (up to a day, if given), or NULL: the
    latest date on their interaction-person links, which carry their interaction's date
    (kept by triggers, migration network 0007). One seek of the index by person and date
    per person, where joining the interactions read every one of them."""

    output_field = DateField()

    def __init__(self, person: Combinable, until: Combinable | None = None) -> None:
        super().__init__()
        self.person, self.until = person, until

    def get_source_expressions(self) -> list:
        return [self.person, self.until]

    def set_source_expressions(self, expressions: Sequence[Any]) -> None:
        self.person, self.until = expressions

    def as_sql(self, compiler, connection, **extra):
        person, params = compiler.compile(self.person)
        sql = (
            "(SELECT MAX(link.occurred_on) FROM network_interaction_people link "
            f"WHERE link.person_id = {person}"
        )
        if self.until is not None:
            until, until_params = compiler.compile(self.until)
            sql, params = f"{sql} AND link.occurred_on <= {until}", (*params, *until_params)
        return f"{sql})", tuple(params)


def last_met_on_sql(*, today: dt.date | None) -> Expression:
    """When the owner last met the person of the row: their latest interaction on or before
    `today` (any, without a day), or NULL if none. The one rule, for every list of people."""
    return _LastMetOn(F("pk"), None if today is None else Value(today, output_field=DateField()))


def with_last_interaction(
    people: QuerySet[Person], *, today: dt.date | None = None
) -> QuerySet[Person]:
    """Annotate `last_interaction_on`: the latest interaction (not after `today`), or None."""
    return people.annotate(last_interaction_on=last_met_on_sql(today=today))


def people_list(
    *,
    owner: Profile,
    today: dt.date,
    role: str | None = None,
    level: int | None = None,
    function: str | None = None,
    include_archived: bool = False,
) -> QuerySet[Person]:
    """People by name, with the roles held on `today` and the date they were last met.

    Filters: a role they hold on `today`, a relative level, a function (any case).
    """
    people = Person.objects.for_owner(owner)
    if not include_archived:
        people = people.filter(is_active=True)
    if role is not None:
        if role not in Role.values:
            raise NetworkError(f"unknown role {role!r}: use one of {', '.join(Role.values)}")
        people = people.filter(_holding(role, today))
    if level is not None:
        people = people.filter(relative_level=level)
    if function is not None:
        people = people.filter(function__iexact=" ".join(function.split()))
    return _with_current_roles(with_last_interaction(people, today=today), today).order_by(
        "name", "id"
    )


@dataclass(frozen=True)
class GridCard:
    person: Person
    marks: tuple[Role, ...]  # the GRID_MARKED_ROLES the person holds on the day asked


@dataclass
class PeopleGrid:
    """Active people laid out by relative level (rows, highest first) and function (columns)."""

    levels: list[int]
    functions: list[str]
    cells: dict[tuple[int, str], list[GridCard]] = field(default_factory=dict)

    def cell(self, level: int, function: str) -> list[GridCard]:
        return self.cells.get((level, function), [])


def people_grid(*, owner: Profile, today: dt.date) -> PeopleGrid:
    """Where the active network sits across levels and functions; an empty cell is a gap.

    Functions are grouped case-insensitively under the first spelling met; a person
    without a function sits in the "" column. The owner's own function comes first.
    """
    own = " ".join(owner.function.split()).casefold()
    # People not placed yet (relative level unset) have no row: `people_to_place` lists them.
    people = _with_current_roles(
        Person.objects.for_owner(owner).filter(is_active=True, relative_level__isnull=False),
        today,
    ).order_by("name", "id")
    spelling: dict[str, str] = {}
    cells: dict[tuple[int, str], list[GridCard]] = {}
    for person in people:
        function = spelling.setdefault(person.function.casefold(), person.function)
        marks = tuple(Role(r.role) for r in person.current_roles if r.role in GRID_MARKED_ROLES)
        cells.setdefault((person.relative_level, function), []).append(GridCard(person, marks))
    return PeopleGrid(
        levels=sorted({level for level, _ in cells}, reverse=True),
        # The owner's own function first, then the others by name, "no function" last.
        functions=sorted(
            set(spelling.values()),
            key=lambda f: (not (own and f.casefold() == own), f == "", f.casefold()),
        ),
        cells=cells,
    )


def active_mentors(*, owner: Profile, today: dt.date) -> QuerySet[Person]:
    """Active people who are a mentor on `today`, with the date they were last met."""
    people = Person.objects.for_owner(owner).filter(_holding(Role.MENTOR, today), is_active=True)
    return with_last_interaction(people, today=today).order_by("name", "id")


@dataclass(frozen=True)
class MentorRhythm:
    name: str
    days_past: int  # days past their rhythm (`days_past_rhythm`): 0 or less is within it


def mentor_rhythms(*, owner: Profile, today: dt.date, default_every: int) -> list[MentorRhythm]:
    """Each active mentor (`active_mentors`), by name, and how far past their rhythm they
    are: their own cadence, or `default_every` days when they have none. The database
    judges the rhythm (`days_past_rhythm_sql`), so a long list of mentors is read as names
    and numbers."""
    days_past = days_past_rhythm_sql(
        last_met_on=F("last_interaction_on"),
        added_on=added_on_sql(owner=owner),
        # No cadence set (or 0): the default, as a mentor's rhythm has always been read.
        every=Coalesce(NullIf(F("cadence_days"), Value(0)), Value(default_every)),
        today=today,
    )
    rows = active_mentors(owner=owner, today=today).values_list("name", days_past)
    return [MentorRhythm(name, past) for name, past in rows]


def current_sponsors(*, owner: Profile, today: dt.date) -> QuerySet[Person]:
    """Active people who are a sponsor on `today`, at any level, by name."""
    people = Person.objects.for_owner(owner).filter(_holding(Role.SPONSOR, today), is_active=True)
    return people.order_by("name", "id")


def sponsors(*, owner: Profile, today: dt.date, min_levels_above: int = 2) -> QuerySet[Person]:
    """Active sponsors at least `min_levels_above` above the owner (one level up is a manager's
    reach, not a sponsor's), with the date they were last met."""
    people = Person.objects.for_owner(owner).filter(
        _holding(Role.SPONSOR, today), is_active=True, relative_level__gte=min_levels_above
    )
    return with_last_interaction(people, today=today).order_by("-relative_level", "name", "id")


def influential_leaders(*, owner: Profile, today: dt.date) -> QuerySet[Person]:
    """Active people of high influence outside the reporting line (not a current manager
    or skip-level): the ones whose opinion weighs in a promotion discussion."""
    in_line = PersonRole.objects.held_on(today).filter(
        person=OuterRef("pk"), role__in=REPORTING_LINE_ROLES
    )
    return (
        Person.objects.for_owner(owner)
        .filter(is_active=True, influence=Influence.HIGH)
        .exclude(Exists(in_line))
        .order_by("-relative_level", "name", "id")
    )


def _owner_zone(owner: Profile) -> dt.tzinfo:
    """Where the owner is, for the day a person was added (UTC if the zone is unknown)."""
    try:
        return zone_named(owner.time_zone)
    except UnknownTimeZone:
        return dt.UTC


def added_on(created_at: dt.datetime, *, owner: Profile) -> dt.date:
    """The day, where the owner is, a person was added to the network."""
    return created_at.astimezone(_owner_zone(owner)).date()


def added_on_sql(*, owner: Profile, created_at: Combinable | None = None) -> TruncDate:
    """`added_on` as a SQL expression: of the person row's `created_at`, or of the
    expression given."""
    return TruncDate(created_at or F("created_at"), tzinfo=_owner_zone(owner))


def days_past_rhythm(
    *, last_met_on: dt.date | None, added_on: dt.date, every: int, today: dt.date
) -> int:
    """How many days someone met `every` days is past their rhythm (0 or less: within it).

    The rhythm runs from the last meeting, or, for someone never met, from the day they
    were added: a person added today is not overdue. `days_past_rhythm_sql` is the same
    rule for the database to apply to many people at once.
    """
    since = last_met_on if last_met_on is not None else added_on
    return (today - since).days - every


class _DaysBetween(Func):
    """Whole days from the second date to the first, on SQLite and PostgreSQL."""

    arity = 2
    output_field = IntegerField()
    # PostgreSQL: date - date is an integer of days.
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra):
        # Two julianday()s of dates differ by a whole number of days, exactly.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def days_past_rhythm_sql(
    *, last_met_on: Combinable, added_on: Combinable, every: Combinable, today: dt.date
) -> Combinable:
    """`days_past_rhythm` as a SQL expression over columns or annotations: one rule, so
    the week's list can count and rank a network of thousands in the database."""
    since = Coalesce(last_met_on, added_on, output_field=DateField())
    return _DaysBetween(Cast(Value(today), DateField()), since) - every


@dataclass(frozen=True)
class CadenceDue:
    person: Person
    last_interaction_on: dt.date | None  # None: never met (and added longer ago than the rhythm)
    days_overdue: int | None  # None when never met


def people_past_cadence(
    *, owner: Profile, today: dt.date, limit: int | None = None
) -> list[CadenceDue]:
    """Active people with a cadence not met within it, never-met first, then most overdue
    (at most `limit` of them).

    Measured from the last interaction on or before `today`: with a 30-day cadence,
    someone last met 30 days ago is on time and 31 days ago is due.
    """
    return cadence_due(owner=owner, today=today, limit=limit)[1]


# Above any number of days past a rhythm: where the people never met rank.
_NEVER_MET_RANK = 10**9


def cadence_due(
    *, owner: Profile, today: dt.date, limit: int | None = None
) -> tuple[int, list[CadenceDue]]:
    """How many people are past their cadence, and the first `limit` of them.

    The database judges the rhythm (`days_past_rhythm_sql`), ranks and counts: only the
    people shown are read as objects. Two queries, whoever is due (pk 0 never exists).
    """

    def past_rhythm(added: Combinable) -> Combinable:
        return days_past_rhythm_sql(
            last_met_on=F("last_interaction_on"),
            added_on=added,
            every=F("cadence_days"),
            today=today,
        )

    rows = (
        with_last_interaction(
            Person.objects.for_owner(owner).filter(is_active=True, cadence_days__isnull=False),
            today=today,
        )
        # Not selected: each use of the last meeting in the statement is one more seek per
        # person, so the statement names it as few times as it can.
        .alias(days_past=past_rhythm(added_on_sql(owner=owner)))
        .filter(days_past__gt=0)
        .annotate(
            # Never met first (their rhythm counted from no meeting is NULL, ranked above
            # any number of days), then the most overdue; ties by name.
            rank=Coalesce(past_rhythm(Value(None)), Value(_NEVER_MET_RANK)),
            due=Window(Count("*")),
        )
        .order_by("-rank", "name", "pk")
        # Narrow rows to rank (sorting whole people cost more than the second query).
        .values_list("pk", "last_interaction_on", "rank", "due")
    )
    shown = list(rows if limit is None else rows[:limit])
    people = Person.objects.for_owner(owner).in_bulk([pk for pk, *_ in shown] or [0])
    return (shown[0][3] if shown else 0), [
        CadenceDue(people[pk], last, overdue if last is not None else None)
        for pk, last, overdue, _ in shown
    ]


def in_other_function(function: str, *, owner: Profile) -> bool:
    """Whether a person's function is set and is not the owner's (any case): "another
    function" for the network's breadth and for mentor candidates alike."""
    key = function.casefold()
    return bool(key) and key != " ".join(owner.function.split()).casefold()


@dataclass(frozen=True)
class NetworkBreadth:
    levels: list[int]  # distinct relative levels, highest first
    other_functions: list[str]  # functions other than the owner's, by name


def network_breadth(*, owner: Profile) -> NetworkBreadth:
    """Across how many levels and other functions the active network reaches.

    Functions compare case-insensitively; a person without a function adds none.
    """
    rows = (
        Person.objects.for_owner(owner)
        .filter(is_active=True, relative_level__isnull=False)
        .order_by()
        .values_list("relative_level", "function")
        .distinct()
    )
    levels: set[int] = set()
    functions: dict[str, str] = {}
    for level, function in rows:
        levels.add(level)
        key = function.casefold()
        if in_other_function(function, owner=owner):
            # One spelling per function, the same one on every database.
            functions[key] = min(functions.get(key, function), function)
    return NetworkBreadth(
        levels=sorted(levels, reverse=True),
        other_functions=sorted(functions.values(), key=str.casefold),
    )


def interactions_for_person(*, owner: Profile, person: Person) -> QuerySet[Interaction]:
    """The interactions a person was part of, newest first, with everyone in them."""
    if person.owner_id != owner.id:
        raise NetworkError("that person is not one of yours")
    return (
        Interaction.objects.for_owner(owner)
        .filter(people=person)
        .prefetch_related("people")
        .order_by("-occurred_on", "-id")
    )


def interaction_list(
    *,
    owner: Profile,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
) -> QuerySet[Interaction]:
    """Interactions newest first, with their people; from `since` on, up to `until`, of one
    kind, if given."""
    interactions = Interaction.objects.for_owner(owner)
    if since is not None:
        interactions = interactions.filter(occurred_on__gte=since)
    if until is not None:
        interactions = interactions.filter(occurred_on__lte=until)
    if kind is not None:
        if kind not in InteractionKind.values:
            raise NetworkError(f"unknown kind {kind!r}")
        interactions = interactions.filter(kind=kind)
    return interactions.prefetch_related("people").order_by("-occurred_on", "-id")


@dataclass(frozen=True)
class CoverageCell:
    level: int
    function: str
    people: int
    mentors: int
    sponsors: int


def network_coverage(*, owner: Profile, today: dt.date) -> list[CoverageCell]:
    """Active people counted by relative level and function, with the mentors and sponsors
    among them on `today`; functions grouped in any case. One query."""
    held = PersonRole.objects.held_on(today)
    rows = (
        Person.objects.for_owner(owner)
        .filter(is_active=True, relative_level__isnull=False)
        .order_by()
        .values("relative_level", "function")
        .annotate(
            people=Count("id", distinct=True),
            mentors=Count("id", filter=Q(roles__in=held.filter(role=Role.MENTOR)), distinct=True),
            sponsors=Count("id", filter=Q(roles__in=held.filter(role=Role.SPONSOR)), distinct=True),
        )
    )
    merged: dict[tuple[int, str], list[int]] = {}
    spelling: dict[str, str] = {}
    for row in rows:
        function = spelling.setdefault(row["function"].casefold(), row["function"])
        cell = merged.setdefault((row["relative_level"], function), [0, 0, 0])
        cell[0] += row["people"]
        cell[1] += row["mentors"]
        cell[2] += row["sponsors"]
    return [
        CoverageCell(level, function, *counts)
        for (level, function), counts in sorted(merged.items())
    ]


@dataclass(frozen=True)
class ContactStatus:
    last_interaction_on: dt.date | None  # None: never met
    days_since: int | None
    due: bool  # past the cadence (or never met while having one)


def contact_status(*, owner: Profile, person: Person, today: dt.date) -> ContactStatus:
    """How recently the owner met a person and whether that is past their cadence.

    The person must carry `last_interaction_on` (see `with_last_interaction`); the rule
    is the one of `people_past_cadence` (`days_past_rhythm`): met exactly `cadence_days`
    ago is on time, and someone never met is due a cadence after they were added.
    """
    last = person.last_interaction_on  # type: ignore[attr-defined]  # with_last_interaction
    days = (today - last).days if last is not None else None
    if person.cadence_days is None:
        return ContactStatus(last, days, due=False)
    late = days_past_rhythm(
        last_met_on=last,
        added_on=added_on(person.created_at, owner=owner),
        every=person.cadence_days,
        today=today,
    )
    return ContactStatus(last, days, due=late > 0)
