"""`wayfinder digest`: the weekly digest by email, or on stdout. Quiet when there is
nothing to say (unless the owner asked for empty digests), so it can run from cron."""

from __future__ import annotations

import argparse

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdout", action="store_true", help="print the plain-text digest instead of sending it"
    )
    parser.add_argument("--owner", metavar="USERNAME", help="whose digest (if several owners)")
    parser.add_argument(
        "--all",
        action="store_true",
        help="every owner's digest, at most once a week each: sent now on SQLite, queued "
        "for `wayfinder worker` on PostgreSQL",
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.db import DatabaseError

    from wayfinder.cli.errors import error_line
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.guidance.digest import DigestError, digest_compose, digest_send
    from wayfinder.guidance.report import report_for
    from wayfinder.guidance.selectors import guidance_settings_for

    if args.all:
        if args.owner or args.stdout:
            raise CommandError("--all sends every owner's digest: leave out --owner and --stdout")
        from wayfinder.operations.jobs import digests_enqueue, job_lines

        try:
            results = digests_enqueue()
        except DatabaseError as error:
            raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
        for line in job_lines(results):
            print(line)
        return 0
    try:
        owner = owner_for_command(username=args.owner)
        report = report_for(owner=owner, today=today_for(owner))
        send_empty = guidance_settings_for(owner=owner).digest_send_empty
    except OwnerError as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    if report.empty and not send_empty:
        return 0
    digest = digest_compose(report=report, base_url=settings.WAYFINDER_BASE_URL)
    if args.stdout:
        print(digest.text, end="")
        return 0
    try:
        digest_send(owner=owner, digest=digest)
    except DigestError as error:
        raise CommandError(str(error)) from None
    return 0
