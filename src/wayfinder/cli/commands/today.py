"""`wayfinder today`: the practices needing attention and this week's list."""

from __future__ import annotations

import argparse
import json

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print it as JSON (docs/guidance.md)")
    parser.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="put links in front of page paths, e.g. http://127.0.0.1:8000",
    )
    parser.add_argument("--owner", metavar="USERNAME", help="whose week (if several owners)")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import DatabaseError

    from wayfinder.cli.errors import error_line
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.guidance.report import report_for

    try:
        owner = owner_for_command(username=args.owner)
        report = report_for(owner=owner, today=today_for(owner))
    except OwnerError as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    if args.json:
        print(json.dumps(report.as_dict(base_url=args.base_url), indent=2, ensure_ascii=False))
    else:
        print(report.as_text(base_url=args.base_url), end="")
    return 0
