"""`wayfinder demo`: a data directory filled with the demo persona (or ten heavy years)."""

from __future__ import annotations

import argparse
import datetime as dt
import time

from wayfinder.cli import CommandError, setup_django
from wayfinder.environment import data_dir, database_url

PATH_ARGUMENTS = frozenset({"demo_data_dir"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scale",
        choices=["demo", "heavy"],
        default="demo",
        help="demo: a believable persona; heavy: ten years of data for benchmarks",
    )
    # Applied by the dispatcher before the data directory is checked, like the global one.
    parser.add_argument("--data-dir", dest="demo_data_dir", metavar="DIR", help="where to put it")


def run(args: argparse.Namespace) -> int:
    # `demo --data-dir DIR` is applied by the dispatcher, like the global --data-dir.
    where = "this database" if database_url() else f"the data directory {data_dir()}"
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import DatabaseError

    from wayfinder.demo.heavy import heavy_create
    from wayfinder.demo.persona import DEMO_USERNAME, demo_create
    from wayfinder.portability.selectors import domain_data_exists, section_counts

    try:
        call_command("migrate", interactive=False, verbosity=0)
        if domain_data_exists():
            raise CommandError(f"{where} already holds data: choose another with --data-dir DIR")
        if get_user_model().objects.filter(username=DEMO_USERNAME).exists():
            raise CommandError(f"{where} already has an owner named {DEMO_USERNAME!r}")
        started = time.perf_counter()
        create = heavy_create if args.scale == "heavy" else demo_create
        owner = create(today=dt.date.today())
        elapsed = time.perf_counter() - started
        counts = section_counts(owner=owner)
    except DatabaseError as error:
        raise CommandError(f"cannot write to the database: {error}") from None
    total = sum(count for _, count in counts)
    print(
        f"Created {owner.display_name} (owner {DEMO_USERNAME!r}, scale {args.scale}) in "
        f"{where}: {total} records in {elapsed:.1f} s."
    )
    for key, count in counts:
        print(f"  {key.replace('_', ' ')}: {count}")
    dir_option = f" --data-dir {data_dir()}" if not database_url() else ""
    print(f"Serve it with `wayfinder{dir_option} serve` and open the sign-in link it prints.")
    return 0
