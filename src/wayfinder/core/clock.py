"""Today where the owner is: one rule for the pages, the commands and quick capture.

Django-free, so quick capture (`wayfinder win`) imports it without starting Django. The
clock is read here and nowhere else in the logic: rules take `today` as an argument.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Protocol


class UnknownTimeZone(ValueError):
    """The profile names a time zone this machine does not know; the message says so."""


class HasTimeZone(Protocol):
    time_zone: str


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The time zone called `name` (e.g. Europe/London), or UnknownTimeZone."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(
            f"your profile's time zone {name!r} is unknown: fix it in your profile"
        ) from None


def today_in(time_zone: str) -> dt.date:
    """Today's date in `time_zone`, not where the server is; an unknown zone is refused.

    For writes that date a record (quick capture): a guessed day would be a wrong one.
    """
    return dt.datetime.now(zone_named(time_zone)).date()


def today_for(owner: HasTimeZone) -> dt.date:
    """Today's date where the owner is, for pages and reports.

    A zone this machine does not know (a profile imported from a newer system) reads as
    UTC, so a page still opens; the profile form only accepts known zones.
    """
    try:
        return today_in(owner.time_zone)
    except UnknownTimeZone:
        return dt.datetime.now(dt.UTC).date()
