"""`wayfinder met`: log an interaction with someone. On SQLite it never imports Django."""

from __future__ import annotations

import argparse
import datetime as dt

from wayfinder.cli import CommandError, date_text
from wayfinder.core.parsing import InputError, interaction_kind_parse, person_name_parse
from wayfinder.environment import database_url


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="who you met (created if unknown)")
    parser.add_argument("notes", metavar="NOTES", help="what you talked about")
    parser.add_argument(
        "--kind",
        default="other",
        help="coffee, 1:1, informational, mentoring, sponsor, meeting, message, event, other",
    )
    parser.add_argument("--date", type=date_text, help="when (default: today)")
    parser.add_argument(
        "--new", action="store_true", help="add PERSON as new, even if someone has that name"
    )
    parser.add_argument("--owner", metavar="USERNAME", help="whose log (if several owners)")


def run(args: argparse.Namespace) -> int:
    try:
        fields = {
            "username": args.owner,
            "person": person_name_parse(args.person),
            "notes": args.notes.strip(),
            "kind": interaction_kind_parse(args.kind),
            "occurred_on": dt.date.fromisoformat(args.date) if args.date else None,
            "allow_new": args.new,
        }
    except InputError as error:
        raise CommandError(str(error)) from None
    if database_url():
        from wayfinder.cli.django_capture import interaction_log

        print(interaction_log(**fields))
        return 0
    from wayfinder.cli import capture
    from wayfinder.environment import sqlite_path

    try:
        print(capture.interaction_log(sqlite_path(), **fields))
    except capture.CaptureError as error:
        raise CommandError(str(error)) from None
    return 0
