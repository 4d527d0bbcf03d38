"""`wayfinder export`: all of the owner's data as versioned JSON (their own full backup)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from wayfinder.cli import CommandError, setup_django


def _write_file(path: Path, text: str) -> None:
    """Write next to the target and rename, so a failed export never leaves half a file."""
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise CommandError(f"no such folder: {directory}")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


READS_ONLY = True
PATH_ARGUMENTS = frozenset({"output"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--owner", metavar="USERNAME", help="whose data (if several owners)")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import DatabaseError

    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.portability.exporter import ExportError, export_text, owner_export

    try:
        owner = owner_for_command(username=args.owner)
        text = export_text(owner_export(owner=owner))
    except (OwnerError, ExportError) as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"cannot read the database: {error}") from None
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    try:
        _write_file(path, text)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    print(f"Exported {owner.user.get_username()!r} to {path}", file=sys.stderr)
    return 0
