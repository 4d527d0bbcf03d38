"""`wayfinder win`: log a win in one line. On SQLite it never imports Django."""

from __future__ import annotations

import argparse
import datetime as dt

from wayfinder.cli import CommandError
from wayfinder.core.parsing import InputError, metric_parse, skill_names_parse, win_title_parse
from wayfinder.environment import database_url


def run(args: argparse.Namespace) -> int:
    try:
        fields = {
            "username": args.owner,
            "title": win_title_parse(args.text),
            "occurred_on": dt.date.fromisoformat(args.date) if args.date else None,
            "result": args.result.strip(),
            "metrics": [metric_parse(text) for text in args.metric],
            "skills": skill_names_parse(args.skill),
        }
    except InputError as error:
        raise CommandError(str(error)) from None
    if database_url():
        from wayfinder.cli.django_capture import win_log

        print(win_log(**fields))
        return 0
    from wayfinder.cli import capture
    from wayfinder.environment import sqlite_path

    try:
        print(capture.win_log(sqlite_path(), **fields))
    except capture.CaptureError as error:
        raise CommandError(str(error)) from None
    return 0
