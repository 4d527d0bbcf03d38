"""`wayfinder share pack`: the share pack as a file, the same one the Sharing page makes.

For an instance no viewer can reach: one self-contained HTML page (or a PDF, when the
file name ends in .pdf and WeasyPrint is installed) with the chosen sections of the
owner's record, its date and the day it is valid until printed on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from wayfinder.cli import CommandError, date_text, setup_django

READS_ONLY = True
PATH_ARGUMENTS = frozenset({"output"})
# How long a pack says it is valid unless told otherwise: as long as a new share lasts.
DEFAULT_DAYS = 90


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sections",
        required=True,
        metavar="KEYS",
        help="comma-separated sections, e.g. plan,goals,wins (direction, goals, plan, "
        "experiments, wins, advocacy, conversations, guidance)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write (.html or .pdf)"
    )
    parser.add_argument(
        "--until", type=date_text, metavar="DATE", help="valid until (default: in 90 days)"
    )
    parser.add_argument("--period-from", type=date_text, metavar="DATE", help="items from")
    parser.add_argument("--period-to", type=date_text, metavar="DATE", help="items until")
    parser.add_argument(
        "--person",
        metavar="NAME",
        help="who it is for: the conversations section holds your conversations with them",
    )
    parser.add_argument(
        "--collaborators",
        action="store_true",
        help="name the people you worked with on your wins",
    )
    parser.add_argument("--owner", metavar="USERNAME", help="whose record (if several owners)")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def run(args: argparse.Namespace) -> int:
    setup_django()
    from wayfinder.cli.commands.export import _write_file
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.sharing import pack

    path = Path(args.output).expanduser()
    as_pdf = path.suffix.lower() == ".pdf"
    if as_pdf and not pack.pdf_available():
        raise CommandError("a PDF needs WeasyPrint (`pip install 'wayfinder[pdf]'`): write .html")
    try:
        owner = owner_for_command(username=args.owner)
        today = today_for(owner)
        draft = pack.pack_share(
            owner=owner,
            sections=args.sections.split(","),
            valid_until=_day(args.until) or today + dt.timedelta(days=DEFAULT_DAYS),
            period_start=_day(args.period_from),
            period_end=_day(args.period_to),
            person=pack.person_named(owner=owner, name=args.person, today=today)
            if args.person
            else None,
            show_collaborators=args.collaborators,
            today=today,
        )
    except (OwnerError, pack.PackError) as error:
        raise CommandError(str(error)) from None
    try:
        if as_pdf:
            _write_bytes(path, pack.pack_pdf(share=draft, today=today))
        else:
            _write_file(path, pack.pack_html(share=draft, today=today))
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    print(f"Wrote the share pack ({', '.join(draft.section_labels)}) to {path}", file=sys.stderr)
    return 0


def _write_bytes(path: Path, data: bytes) -> None:
    if not path.parent.is_dir():
        raise CommandError(f"no such folder: {path.parent}")
    path.write_bytes(data)
