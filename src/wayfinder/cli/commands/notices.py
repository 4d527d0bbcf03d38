"""`wayfinder notices`: email every owner whose shares end within a week (safe for cron,
daily): each share is announced once before each expiry date it has."""

from __future__ import annotations

import argparse

from wayfinder.cli import CommandError, setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import DatabaseError

    from wayfinder.cli.errors import error_line
    from wayfinder.operations.jobs import expiry_notices_enqueue, job_lines

    try:
        results = expiry_notices_enqueue()
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    for line in job_lines(results):
        print(line)
    return 0
