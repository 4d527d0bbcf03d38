"""`wayfinder calendar url|rotate|off|export`: the calendar feed from the command line,
through the same services as the Calendar feed page.

The feed's address holds a secret token of which only the hash is kept, so an address is
printed once: `url` turns the feed on and prints its address on its last line (a feed
already on says so: its address cannot be shown again), `rotate` replaces the address
(the old one stops working) and prints the new one. Both need WAYFINDER_BASE_URL, the
address calendars reach this instance at. `export -o FILE` writes the same feed to a file,
for a calendar app on a machine that cannot reach the instance; it needs no token.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True  # without a database there is no record to put in a calendar
PATH_ARGUMENTS = frozenset({"output"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    url = actions.add_parser("url", help="turn the feed on and print its address (shown once)")
    rotate = actions.add_parser("rotate", help="replace the feed's address; the old one stops")
    off = actions.add_parser("off", help="turn the feed off: its address shows nothing")
    export = actions.add_parser("export", help="write the feed to an .ics file")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the .ics to write")
    for action in (url, rotate, off, export):
        action.add_argument("--owner", metavar="USERNAME", help="whose feed (if several owners)")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    from wayfinder.calendars.services import CalendarError
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError

    base_url = settings.WAYFINDER_BASE_URL
    if args.action in ("url", "rotate") and not base_url:
        raise CommandError(
            "WAYFINDER_BASE_URL is not set, so no calendar can reach this instance: set it to "
            "the address calendars open, or write the feed to a file "
            "(`wayfinder calendar export -o FILE`)"
        )
    try:
        owner = owner_for_command(username=args.owner)
        if args.action == "export":
            return _export(owner, Path(args.output).expanduser(), base_url)
        if args.action == "off":
            return _off(owner)
        return _address(owner, rotate=args.action == "rotate", base_url=base_url)
    except (OwnerError, CalendarError) as error:
        raise CommandError(str(error)) from None


def _address(owner, *, rotate: bool, base_url: str) -> int:
    from wayfinder.calendars.selectors import feed_address
    from wayfinder.calendars.services import calendar_feed_rotate, calendar_feed_turn_on

    if rotate:
        token = calendar_feed_rotate(owner=owner)
        print("Your calendar feed has a new address; the old one shows nothing from now on.")
    else:
        token = calendar_feed_turn_on(owner=owner)
        print("Your calendar feed is on.")
    print("Subscribe to this address in your calendar app (it is not shown again):")
    print(feed_address(token=token, base_url=base_url))
    return 0


def _off(owner) -> int:
    from wayfinder.calendars.services import calendar_feed_turn_off

    calendar_feed_turn_off(owner=owner)
    print("Your calendar feed is off: its address shows nothing now.")
    return 0


def _export(owner, path: Path, base_url: str) -> int:
    from wayfinder.calendars.documents import feed_calendar
    from wayfinder.calendars.models import CalendarFeed
    from wayfinder.calendars.selectors import calendar_feed_of

    feed = calendar_feed_of(owner=owner) or CalendarFeed(owner=owner)
    body = feed_calendar(feed=feed, base_url=base_url)
    try:
        _write_bytes(path, body)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    events = body.count(b"BEGIN:VEVENT")
    print(f"Wrote your calendar ({events} events) to {path}", file=sys.stderr)
    return 0


def _write_bytes(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a failed write never leaves half a file."""
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise CommandError(f"no such folder: {directory}")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
