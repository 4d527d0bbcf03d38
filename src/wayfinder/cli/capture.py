"""Quick capture on the embedded SQLite database, without Django.

`wayfinder win` and `wayfinder met` must be faster than opening a notebook, and starting
Django costs more than the whole capture. So they write here: parameterised INSERTs into
the tables the ORM uses, with the values Django's SQLite backend would store (UTC
datetimes as `str(naive_utc)`, ISO dates, 0/1 booleans, the models' defaults), in one
`BEGIN IMMEDIATE` transaction on a connection set up like settings.SQLITE_PRAGMAS. The
search index follows by itself: its triggers live in the database. Tests compare every
column with rows written by the services.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import namedtuple
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from wayfinder.core.clock import UnknownTimeZone, today_in
from wayfinder.core.metrics import metric_format
from wayfinder.core.parsing import INTERACTION_KINDS, Metric
from wayfinder.environment import owner_only_files

# The same pragmas as settings.SQLITE_PRAGMAS (a test keeps them equal), but for
# synchronous: FULL, SQLite flushing the WAL inside the capture's one COMMIT, where the
# web's backend runs NORMAL and flushes after each commit itself (core/sqlite_backend).
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "synchronous": "FULL",
    "busy_timeout": 5000,
    "foreign_keys": "ON",
    "temp_store": "MEMORY",
}
# A person typing would rather wait for a long import to finish than retype the line.
CAPTURE_BUSY_TIMEOUT_MS = 30_000

NOT_READY = "no Wayfinder database here yet: run `wayfinder init` first"
NOT_MIGRATED = (
    "the database is not set up for this version of Wayfinder: run `wayfinder init` first"
)
NO_OWNER = "no owner yet: run `wayfinder init` first"
SEVERAL_OWNERS = "this instance has several owners: name one with --owner USERNAME"


class CaptureError(Exception):
    """Capture cannot go ahead; the message is one line for the person typing."""


# Plain namedtuples: `typing.NamedTuple` would cost quick capture the import of `typing`.
Owner = namedtuple("Owner", "id time_zone")
PersonFound = namedtuple("PersonFound", "id name created")


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just wrote (sqlite3 types it as optional)."""
    if cursor.lastrowid is None:
        raise sqlite3.DatabaseError("the INSERT wrote no row")
    return cursor.lastrowid


def connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise CaptureError(NOT_READY)
    # The WAL pragma may create the -wal and -shm files: readable by the owner only.
    with owner_only_files():
        # isolation_level=None: transactions are ours (BEGIN IMMEDIATE), never implicit.
        connection = sqlite3.connect(
            path, timeout=CAPTURE_BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        try:
            pragmas = {**SQLITE_PRAGMAS, "busy_timeout": CAPTURE_BUSY_TIMEOUT_MS}
            for name, value in pragmas.items():
                connection.execute(f"PRAGMA {name}={value}")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise CaptureError(_database_problem(error)) from None
    return connection


@contextmanager
def immediate_transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken up front so it never fails half-way on a lock."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise CaptureError(_database_problem(error)) from None
    try:
        _refuse_a_newer_schema(connection)
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        _rollback(connection)
        # A missing table or column: the database predates this version of Wayfinder.
        if "no such" in str(error):
            raise CaptureError(NOT_MIGRATED) from None
        # A full disk, a damaged file, a read-only directory: one line, nothing written.
        raise CaptureError(_database_problem(error)) from None
    except BaseException:
        _rollback(connection)
        raise


def _rollback(connection: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT may have ended it)."""
    # If the database refuses even that, closing the connection rolls back.
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def _database_problem(error: sqlite3.Error) -> str:
    from wayfinder.cli.errors import database_error_line

    return database_error_line(error)


def _refuse_a_newer_schema(connection: sqlite3.Connection) -> None:
    from wayfinder.cli.schema import newer_schema_message, sqlite_unknown_migrations

    unknown = sqlite_unknown_migrations(connection)
    if unknown:
        raise CaptureError(newer_schema_message(unknown))


def stored_now() -> str:
    """Now, as Django's SQLite backend stores an aware datetime: naive UTC via str()."""
    return str(dt.datetime.now(dt.UTC).replace(tzinfo=None))


def owner_find(connection: sqlite3.Connection, *, username: str | None) -> Owner:
    """The named owner, or the only one; the same rules as core.selectors.owner_for_command."""
    if username:
        row = connection.execute(
            "SELECT p.id, p.time_zone FROM core_profile p "
            "JOIN auth_user u ON u.id = p.user_id WHERE u.username = ?",
            (username,),
        ).fetchone()
        if row is None:
            raise CaptureError(f"no owner named {username!r}")
        return Owner(*row)
    rows = connection.execute(
        "SELECT id, time_zone FROM core_profile ORDER BY id LIMIT 2"
    ).fetchall()
    if not rows:
        raise CaptureError(NO_OWNER)
    if len(rows) > 1:
        raise CaptureError(SEVERAL_OWNERS)
    return Owner(*rows[0])


def owner_today(time_zone: str) -> dt.date:
    """Today where the owner lives, so a win logged late at night lands on the right day."""
    try:
        return today_in(time_zone)
    except UnknownTimeZone as error:
        raise CaptureError(str(error)) from None


def win_insert(
    connection: sqlite3.Connection,
    *,
    owner: Owner,
    title: str,
    occurred_on: dt.date,
    result: str = "",
    metrics: Sequence[Metric] = (),
    skills: dict[str, str] | None = None,
) -> int:
    """Insert a win as wins.services.win_create does with source='capture'; returns its id."""
    now = stored_now()
    win_id = _inserted_id(
        connection.execute(
            "INSERT INTO wins_win (created_at, updated_at, occurred_on, title, situation, action,"
            " result, private_notes, source, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, now, str(occurred_on), title, "", "", result, "", "capture", owner.id),
        )
    )
    for skill_id in skill_ids_get_or_create(connection, owner=owner, wanted=skills or {}):
        connection.execute(
            "INSERT INTO wins_win_skills (win_id, skill_id) VALUES (?, ?)", (win_id, skill_id)
        )
    for metric in metrics:
        connection.execute(
            "INSERT INTO wins_impactmetric (created_at, updated_at, value, unit, baseline,"
            " period, label, owner_id, win_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now,
                now,
                float(metric.value),
                metric.unit,
                None if metric.baseline is None else float(metric.baseline),
                metric.period,
                "",
                owner.id,
                win_id,
            ),
        )
    return win_id


def skill_ids_get_or_create(
    connection: sqlite3.Connection, *, owner: Owner, wanted: dict[str, str]
) -> list[int]:
    """As core.services.skills_get_or_create: matched on LOWER(name), missing ones created."""
    ids = []
    for name in wanted.values():
        # LOWER() on both sides, as the unique index has it: SQLite folds only ASCII.
        row = connection.execute(
            "SELECT id FROM core_skill WHERE owner_id = ? AND LOWER(name) = LOWER(?)",
            (owner.id, name),
        ).fetchone()
        if row is not None:
            ids.append(row[0])
            continue
        now = stored_now()
        ids.append(
            _inserted_id(
                connection.execute(
                    "INSERT INTO core_skill (created_at, updated_at, name, owner_id)"
                    " VALUES (?, ?, ?, ?)",
                    (now, now, name, owner.id),
                )
            )
        )
    return ids


def ambiguous_person_message(name: str, suggestions: list[str]) -> str:
    """Worded as network.services.AmbiguousPerson, so both databases answer alike."""
    listed = ", ".join(repr(s) for s in suggestions)
    return (
        f"no one is called {name!r}; did you mean {listed}? "
        "Use the exact name, or --new to add a new person"
    )


def person_find_or_create(
    connection: sqlite3.Connection, *, owner: Owner, name: str, allow_new: bool = False
) -> PersonFound:
    """As network.services.person_get_or_create: exact name, else refuse close ones, else new.

    `allow_new` always adds a new person, the next namesake of anyone with that name.
    """
    from wayfinder.network.matching import close_names, normalise_name, several_called_message

    known = connection.execute(
        "SELECT id, name, namesake FROM network_person WHERE owner_id = ? ORDER BY name, id",
        (owner.id,),
    ).fetchall()
    wanted = normalise_name(name)
    same = [row for row in known if normalise_name(row[1]) == wanted]
    if not allow_new:
        if len(same) > 1:
            raise CaptureError(several_called_message(name, len(same)))
        if same:
            return PersonFound(same[0][0], same[0][1], created=False)
        suggestions = close_names(name, [row[1] for row in known])
        if suggestions:
            raise CaptureError(ambiguous_person_message(name, suggestions))
    # The transaction is IMMEDIATE: no other writer can take this number meanwhile.
    namesake = max((row[2] for row in same), default=-1) + 1
    now = stored_now()
    person_id = _inserted_id(
        connection.execute(
            "INSERT INTO network_person (created_at, updated_at, name, title, organisation,"
            " function, relative_level, influence, cadence_days, email, url, namesake, notes,"
            " private_notes, is_active, owner_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, now, name, "", "", "", 0, "medium", None, "", "", namesake, "", "", 1, owner.id),
        )
    )
    return PersonFound(person_id, name, created=True)


def interaction_insert(
    connection: sqlite3.Connection,
    *,
    owner: Owner,
    person_ids: list[int],
    occurred_on: dt.date,
    kind: str,
    notes: str,
) -> int:
    """Insert an interaction as network.services.interaction_log does; returns its id."""
    now = stored_now()
    interaction_id = _inserted_id(
        connection.execute(
            "INSERT INTO network_interaction (created_at, updated_at, occurred_on, kind, notes,"
            " follow_ups, follow_up_due, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now, now, str(occurred_on), kind, notes, "", None, owner.id),
        )
    )
    for person_id in person_ids:
        connection.execute(
            "INSERT INTO network_interaction_people (interaction_id, person_id) VALUES (?, ?)",
            (interaction_id, person_id),
        )
    return interaction_id


def data_version_bump(connection: sqlite3.Connection, *, owner: Owner) -> None:
    """As core.versions.data_version_bump: pages cached for the owner are now stale."""
    connection.execute(
        "INSERT INTO core_dataversion (owner_id, version) VALUES (?, 1) "
        "ON CONFLICT (owner_id) DO UPDATE SET version = version + 1",
        (owner.id,),
    )


def win_confirmation(
    win_id: int, occurred_on: dt.date, title: str, metrics: Sequence[Metric] = ()
) -> str:
    shown = "; ".join(metric_format(*metric) for metric in metrics)
    return f"Logged win #{win_id} on {occurred_on}: {title}" + (f" ({shown})" if shown else "")


def interaction_confirmation(
    interaction_id: int, occurred_on: dt.date, kind: str, person: str, created: bool
) -> str:
    new = f"; {person} is new in your network" if created else ""
    return (
        f"Logged {INTERACTION_KINDS[kind]} with {person} on {occurred_on}"
        f" (interaction #{interaction_id}{new})"
    )


def win_log(
    path: Path,
    *,
    username: str | None,
    title: str,
    occurred_on: dt.date | None,
    result: str,
    metrics: Sequence[Metric],
    skills: dict[str, str],
) -> str:
    """Log a win in one transaction; returns the confirmation line."""
    connection = connect(path)
    try:
        with immediate_transaction(connection):
            owner = owner_find(connection, username=username)
            day = occurred_on or owner_today(owner.time_zone)
            win_id = win_insert(
                connection,
                owner=owner,
                title=title,
                occurred_on=day,
                result=result,
                metrics=metrics,
                skills=skills,
            )
            data_version_bump(connection, owner=owner)
    finally:
        connection.close()
    return win_confirmation(win_id, day, title, metrics)


def interaction_log(
    path: Path,
    *,
    username: str | None,
    person: str,
    notes: str,
    kind: str,
    occurred_on: dt.date | None,
    allow_new: bool,
) -> str:
    """Log an interaction (and the person, if new) in one transaction; returns the line."""
    connection = connect(path)
    try:
        with immediate_transaction(connection):
            owner = owner_find(connection, username=username)
            day = occurred_on or owner_today(owner.time_zone)
            found = person_find_or_create(connection, owner=owner, name=person, allow_new=allow_new)
            interaction_id = interaction_insert(
                connection,
                owner=owner,
                person_ids=[found.id],
                occurred_on=day,
                kind=kind,
                notes=notes,
            )
            data_version_bump(connection, owner=owner)
    finally:
        connection.close()
    return interaction_confirmation(interaction_id, day, kind, found.name, found.created)
