"""`wayfinder ladder import FILE... [--name N] [--replace]`: a career ladder, as published.

The same reader and service as the upload page: YAML (Wayfinder's own or id-linked data
files), Markdown with front matter (one file per track), or CSV (a wide matrix, the long
form, or one file per level). Nothing is written when the file is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True  # without a database there is no one to import for
PATH_ARGUMENTS = frozenset({"file"})
MAX_BYTES = 1_000_000  # the upload page's limit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    bring = actions.add_parser("import", help="import a career ladder from one or more files")
    bring.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help="a .yaml, .md or .csv file; several for one CSV per level or one Markdown per track",
    )
    bring.add_argument("--name", metavar="N", help="the ladder's name (default: from the file)")
    bring.add_argument(
        "--replace",
        action="store_true",
        help="replace your ladder of the same name, keeping assessments whose keys match",
    )
    bring.add_argument("--owner", metavar="USERNAME", help="whose ladders (if several owners)")


def _read(name: str, budget: int) -> bytes:
    path = Path(name).expanduser()
    try:
        if path.stat().st_size > budget:
            raise CommandError(f"{path}: the files are larger than 1 MB; a ladder is much smaller")
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    files = []
    budget = MAX_BYTES
    for name in args.file:
        raw = _read(name, budget)
        budget -= len(raw)
        files.append((Path(name).name, raw))
    setup_django()
    from django.db import DatabaseError

    from wayfinder.advocacy.ladders import LadderFileError, ladder_parse_files, warning_lines
    from wayfinder.advocacy.services import AdvocacyError, LadderNameTaken, ladder_import
    from wayfinder.cli.errors import error_line
    from wayfinder.core.errors import sentence
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError

    try:
        spec = ladder_parse_files(files, name=args.name or "")
        owner = owner_for_command(username=args.owner)
        ladder = ladder_import(
            owner=owner,
            spec=spec,
            source=", ".join(name for name, _ in files),
            replace=args.replace,
        )
    except LadderFileError as error:
        raise CommandError(f"{error}; nothing was imported") from None
    except LadderNameTaken as error:
        raise CommandError(
            f"you already have a ladder named {error.name!r}: add --replace to replace it "
            "(self-assessments of competencies whose keys stay the same are kept)"
        ) from None
    except AdvocacyError as error:
        raise CommandError(sentence(error)) from None
    except OwnerError as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    counts = (
        f"{ladder.levels.count()} levels, {ladder.competencies.count()} competencies, "
        f"{ladder.tracks.count()} tracks"
    )
    print(f"Imported the {ladder.name} ladder ({counts}).")
    for warning in warning_lines(spec):
        print(f"  left out: {warning}")
    return 0
