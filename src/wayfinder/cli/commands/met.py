"""`wayfinder met`: log an interaction with someone. On SQLite it never imports Django."""

from __future__ import annotations

import argparse
import datetime as dt

from wayfinder.cli import CommandError
from wayfinder.core.parsing import InputError, interaction_kind_parse, person_name_parse
from wayfinder.environment import database_url


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
