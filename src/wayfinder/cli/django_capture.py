"""Quick capture through Django and the services, for PostgreSQL (DATABASE_URL set).

Input is read by wayfinder.core.parsing and lines are worded by wayfinder.cli.capture, so
both databases accept the same input and answer with the same lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from wayfinder.cli import CommandError, setup_django
from wayfinder.cli.capture import (
    NOT_MIGRATED,
    CaptureError,
    interaction_confirmation,
    owner_today,
    win_confirmation,
)
from wayfinder.cli.errors import error_line
from wayfinder.core.parsing import Metric

T = TypeVar("T")


def _in_database(work: Callable[[], T]) -> T:
    """Run `work`, turning database states a person can fix into one readable line."""
    from django.db import OperationalError, ProgrammingError

    try:
        return work()
    except ProgrammingError:
        # Missing tables: the database was never migrated.
        raise CommandError(NOT_MIGRATED) from None
    except OperationalError as error:
        raise CommandError(f"cannot reach the database: {error_line(error)}") from None


def _owner(username: str | None):
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError

    try:
        return owner_for_command(username=username)
    except OwnerError as error:
        raise CommandError(str(error)) from None


def _day(owner, occurred_on: dt.date | None) -> dt.date:
    try:
        return occurred_on or owner_today(owner.time_zone)
    except CaptureError as error:
        raise CommandError(str(error)) from None


def win_log(
    *,
    username: str | None,
    title: str,
    occurred_on: dt.date | None,
    result: str,
    metrics: Sequence[Metric],
    skills: dict[str, str],
) -> str:
    setup_django()
    from wayfinder.core.versions import data_version_bump
    from wayfinder.wins.models import WinSource
    from wayfinder.wins.services import MetricInput, WinError, win_create

    def work() -> str:
        owner = _owner(username)
        day = _day(owner, occurred_on)
        try:
            win = win_create(
                owner=owner,
                title=title,
                occurred_on=day,
                result=result,
                skills=list(skills.values()),
                metrics=[
                    MetricInput(value=m.value, unit=m.unit, baseline=m.baseline, period=m.period)
                    for m in metrics
                ],
                source=WinSource.CAPTURE,
            )
        except WinError as error:
            raise CommandError(str(error)) from None
        data_version_bump(owner_id=owner.pk)
        return win_confirmation(win.id, day, win.title, metrics)

    return _in_database(work)


def interaction_log(
    *,
    username: str | None,
    person: str,
    notes: str,
    kind: str,
    occurred_on: dt.date | None,
    allow_new: bool,
) -> str:
    setup_django()
    from django.db import transaction

    from wayfinder.core.versions import data_version_bump
    from wayfinder.network.services import NetworkError, person_get_or_create
    from wayfinder.network.services import interaction_log as log

    def work() -> str:
        owner = _owner(username)
        day = _day(owner, occurred_on)
        try:
            # One transaction, as on SQLite: a new person is not kept if the log fails.
            with transaction.atomic():
                found, created = person_get_or_create(owner=owner, name=person, allow_new=allow_new)
                interaction = log(
                    owner=owner, people=[found], occurred_on=day, kind=kind, notes=notes
                )
                data_version_bump(owner_id=owner.pk)
        except NetworkError as error:
            raise CommandError(str(error)) from None
        return interaction_confirmation(interaction.id, day, kind, found.name, created)

    return _in_database(work)
