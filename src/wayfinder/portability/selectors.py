"""Reads for export, import and the demo: what an owner (or the instance) holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from django.db import connection, transaction

from wayfinder.core.models import OwnedModel, Profile
from wayfinder.portability.format import Section, sections


def domain_data_exists(*, owner: Profile | None = None) -> bool:
    """Whether the owner (or, without one, anyone) has recorded anything.

    Every row counts, the plan too: `wayfinder init` creates none (the plan comes with its
    first action or focus), so an owner just set up has nothing here.
    """
    for section in sections():
        rows = _model(section).objects.all()
        if owner is not None:
            rows = rows.filter(owner=owner)
        if rows.exists():
            return True
    return False


def section_counts(*, owner: Profile) -> list[tuple[str, int]]:
    """How many rows the owner has in each section of the export format."""
    return [
        (section.key, _model(section).objects.for_owner(owner).count()) for section in sections()
    ]


def _model(section: Section) -> type[OwnedModel]:
    """Every section of the format holds an owned model."""
    return cast("type[OwnedModel]", section.model)


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Every query inside reads the same snapshot of the database, and writers go on.

    SQLite: a deferred transaction (plain BEGIN) takes its read snapshot at the first
    SELECT and no lock that stops a writer. `transaction.atomic()` would not do: the
    connection is set up with `transaction_mode="IMMEDIATE"`, so it would take the write
    lock for the whole export. PostgreSQL: a REPEATABLE READ, READ ONLY transaction.
    Inside a transaction already open, that transaction decides what is seen.
    """
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor != "sqlite":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    except BaseException:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")
        raise
    with connection.cursor() as cursor:
        cursor.execute("COMMIT")


def backup_unavailable(*, owner: Profile) -> str | None:
    """Why the database backup cannot be downloaded from the web here, or None if it can.

    The backup is the whole SQLite file, so it is offered only to the one owner of an
    instance; on PostgreSQL, backups are `pg_dump`'s, run by whoever runs the server.
    """
    if connection.vendor != "sqlite":
        return (
            "Wayfinder runs on PostgreSQL here, where backups are made on the server with "
            "pg_dump. Download your export instead: it holds everything you recorded."
        )
    if Profile.objects.exclude(pk=owner.pk).exists():
        return (
            "This instance holds other people's records too, so its database cannot be "
            "downloaded here. Download your export instead: it holds everything you recorded."
        )
    return None
