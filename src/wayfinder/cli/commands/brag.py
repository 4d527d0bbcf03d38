"""`wayfinder brag import FILE [--dry-run] [--add LINE]...`: a brag document, as written.

The same reader and import as the page at /data/brag-doc/: it prints the preview (the
wins to add, those already in your record, the goals and actions offered, what was passed
over), and without --dry-run writes the wins, with the offers chosen by --add, in one
transaction. Nothing is written when the document is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True  # without a database there is no one to import for
PATH_ARGUMENTS = frozenset({"file"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    bring = actions.add_parser("import", help="import a brag document (Markdown), preview first")
    bring.add_argument("file", metavar="FILE", help="a .md or .txt file, UTF-8")
    bring.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    bring.add_argument(
        "--add",
        metavar="LINE",
        type=int,
        action="append",
        default=[],
        help="also add the goal or development action offered at this line; repeat it",
    )
    bring.add_argument("--owner", metavar="USERNAME", help="whose record (if several owners)")


def _read(name: str, limit: int) -> str:
    path = Path(name).expanduser()
    try:
        if path.stat().st_size > limit:
            raise CommandError(f"{path} is larger than the upload limit of {limit:,} bytes")
        raw = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text: save it as Markdown or plain text") from None


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.db import DatabaseError

    from wayfinder.cli.errors import error_line
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.core.storable import text_problem
    from wayfinder.portability.bragdoc import (
        BragDocError,
        brag_doc_already_logged,
        brag_doc_done,
        brag_doc_import,
        brag_doc_parse,
        brag_doc_preview_lines,
    )

    text = _read(args.file, settings.WAYFINDER_MAX_UPLOAD_BYTES)
    if problem := text_problem(text):
        raise CommandError(f"{args.file} {problem}; nothing was imported")
    try:
        owner = owner_for_command(username=args.owner)
        today = today_for(owner)
        document = brag_doc_parse(text, today=today)
        print(
            "\n".join(
                brag_doc_preview_lines(
                    document, brag_doc_already_logged(owner=owner, entries=document.wins)
                )
            )
        )
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        done = brag_doc_import(owner=owner, document=document, offers=set(args.add), today=today)
    except BragDocError as error:
        raise CommandError(
            f"{args.file}: {'; '.join(error.problems)}; nothing was imported"
        ) from None
    except OwnerError as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"{error_line(error)} (run `wayfinder init` first?)") from None
    print(brag_doc_done(done))
    return 0
