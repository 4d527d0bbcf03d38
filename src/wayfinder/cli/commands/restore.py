"""`wayfinder restore FILE`: put a backup back in place of the SQLite database, safely.

The file is checked first, a running server is refused, the current database is kept
aside, and the result is checked again (wayfinder.portability.restore). On PostgreSQL
the right tool is `pg_restore`: the command is printed, as `wayfinder backup` prints
`pg_dump`'s.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from wayfinder.cli import CommandError, setup_django
from wayfinder.cli.commands.backup import pg_restore_command
from wayfinder.cli.errors import error_line
from wayfinder.cli.schema import sqlite_unknown_migrations
from wayfinder.core.counts import count_of
from wayfinder.environment import database_url, sqlite_path
from wayfinder.portability.restore import RestoreError, RestoreResult, database_restore


def _print_counts(result: RestoreResult) -> None:
    """Rows per section of the export format, as `wayfinder import` prints them."""
    # Django only now: the database it reads at start-up is the sound, restored one.
    setup_django()
    from wayfinder.core.models import Profile
    from wayfinder.portability.format import sections

    owners = result.counts.get(Profile._meta.db_table, 0)
    counts = [
        (section.key, result.counts[section.model._meta.db_table])
        for section in sections()
        if section.model._meta.db_table in result.counts
    ]
    total = sum(count for _, count in counts)
    print(f"It holds {count_of(total, 'record')} of {count_of(owners, 'owner')}:")
    for key, count in counts:
        if count:
            print(f"  {key.replace('_', ' ')}: {count}")


PATH_ARGUMENTS = frozenset({"file"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup to restore")


def run(args: argparse.Namespace) -> int:
    url = database_url()
    if url:
        print("Wayfinder runs on PostgreSQL; stop every `wayfinder serve`, then restore with:")
        print(pg_restore_command(url, args.file))
        if urlsplit(url).password:
            print("(pg_restore asks for the password, or reads PGPASSWORD or ~/.pgpass)")
        return 0
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CommandError(f"no such file: {source}")
    database = sqlite_path()
    try:
        result = database_restore(
            source=source, database=database, unknown_migrations=sqlite_unknown_migrations
        )
    except RestoreError as error:
        raise CommandError(str(error)) from None
    except (OSError, sqlite3.Error) as error:
        raise CommandError(f"restore failed: {error_line(error)}") from None
    print(f"Restored {source} to {database}; it passed SQLite's integrity check.")
    if result.damaged:
        print(
            f"The database it replaced was damaged; its files are kept as they were in "
            f"{result.safety_copy} (and -wal, -shm beside it, if it had them)."
        )
    elif result.safety_copy:
        print(f"The database it replaced is kept in {result.safety_copy}")
    _print_counts(result)
    return 0
