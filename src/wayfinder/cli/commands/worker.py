"""`wayfinder worker`: run the background jobs (digests, expiry notices, invitation
emails) from the PostgreSQL queue until stopped. On SQLite there is no queue: each job
runs inside the command that asks for it, so there is nothing for a worker to do."""

from __future__ import annotations

import argparse

from wayfinder.cli import CommandError, setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="how long to wait before looking again when the queue is empty (default 1)",
    )
    parser.add_argument(
        "--batch", action="store_true", help="run the jobs waiting now, then stop (for cron)"
    )
    parser.add_argument(
        "--max-tasks", type=int, metavar="N", help="stop after N jobs (a restart frees memory)"
    )


def run(args: argparse.Namespace) -> int:
    if args.interval < 0:
        raise CommandError(f"--interval must be 0 or more seconds (got {args.interval:g})")
    if args.max_tasks is not None and args.max_tasks < 1:
        raise CommandError(f"--max-tasks must be at least 1 (got {args.max_tasks})")
    from wayfinder.environment import database_url

    if not database_url():
        print(
            "wayfinder worker: on SQLite jobs run inside the command that asks for them "
            "(`wayfinder digest --all`, `wayfinder notices`): no worker is needed"
        )
        return 0
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    from wayfinder.cli.errors import error_line

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    if pending:
        raise CommandError(f"{len(pending)} migration(s) not applied: run `wayfinder init` first")
    options: dict[str, object] = {"interval": args.interval, "batch": args.batch}
    if args.max_tasks is not None:
        options["max_tasks"] = args.max_tasks
    call_command("db_worker", **options)
    return 0
