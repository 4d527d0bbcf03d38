"""`wayfinder import FILE`: validate a whole export, then write it all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wayfinder.cli import CommandError, setup_django


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name).expanduser()
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


PATH_ARGUMENTS = frozenset({"file"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the export to import ('-' for stdin)")
    parser.add_argument("--owner", metavar="USERNAME", help="whose data (if several owners)")


def run(args: argparse.Namespace) -> int:
    raw = _read(args.file)
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError

    from wayfinder.portability.importer import owner_import
    from wayfinder.portability.validation import ImportRefused, beyond_limits, import_parse

    try:
        # Restoring onto a fresh machine: prepare the database the way `init` does.
        call_command("migrate", interactive=False, verbosity=0)
        result = owner_import(data=import_parse(raw), username=args.owner)
    except ImportRefused as error:
        raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    except (RecursionError, ValueError, OverflowError) as error:
        # Python's own limits, reached by a hostile file: one line, and nothing written.
        raise CommandError(f"{args.file}: {beyond_limits(error)}; nothing was imported") from None
    except DatabaseError as error:
        raise CommandError(f"cannot write to the database: {error}") from None
    total = sum(count for _, count in result.counts)
    print(f"Imported {total} records for {result.owner.user.get_username()!r}:")
    for key, count in result.counts:
        if count:
            print(f"  {key.replace('_', ' ')}: {count}")
    return 0
