"""`wayfinder win`: log a win in one line. On SQLite it never imports Django."""

from __future__ import annotations

import argparse
import datetime as dt

from wayfinder.cli import CommandError, date_text
from wayfinder.core.parsing import InputError, metric_parse, skill_names_parse, win_title_parse
from wayfinder.environment import database_url


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="what happened, in a line")
    parser.add_argument("--result", default="", help="the result, in words")
    parser.add_argument(
        "--metric",
        action="append",
        default=[],
        help="a number and unit showing the result, e.g. '30 %%' (repeatable)",
    )
    parser.add_argument(
        "--skill", action="append", default=[], help="a skill it shows (repeatable)"
    )
    parser.add_argument("--date", type=date_text, help="when it happened (default: today)")
    parser.add_argument("--owner", metavar="USERNAME", help="whose log (if several owners)")


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
