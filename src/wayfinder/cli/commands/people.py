"""`wayfinder people import FILE` and `wayfinder people export`: people in and out.

Import reads LinkedIn's Connections.csv, any CSV (columns mapped with --map) or vCards,
prints the preview, and without --dry-run writes it all or nothing: a contact matching
someone you know (by URL, then email, then name) is merged into them. Export writes your
people as vCard 3.0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True  # without a database there is no one to import for
PATH_ARGUMENTS = frozenset({"file", "output"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    bring = actions.add_parser("import", help="import people from a file (preview first)")
    bring.add_argument("file", metavar="FILE", help="Connections.csv, a CSV or a .vcf file")
    bring.add_argument(
        "--format",
        choices=("linkedin", "csv", "vcard"),
        help="the file's format (default: guessed from its name and first line)",
    )
    bring.add_argument(
        "--map",
        metavar="FIELD=COLUMN",
        action="append",
        default=[],
        help="for --format csv: the column holding a field (name, first_name, last_name, "
        "email, url, organisation, title, function, connected_on); repeat it",
    )
    bring.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    bring.add_argument("--owner", metavar="USERNAME", help="whose network (if several owners)")
    out = actions.add_parser("export", help="write your people as vCard 3.0")
    out.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    out.add_argument("--owner", metavar="USERNAME", help="whose network (if several owners)")


def _read(name: str, limit: int) -> bytes:
    path = Path(name).expanduser()
    try:
        if path.stat().st_size > limit:
            raise CommandError(f"{path} is larger than the upload limit of {limit:,} bytes")
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CommandError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. email='E-mail'")
        mapping[field.strip()] = column.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.network import people_import
    from wayfinder.network.services import NetworkError

    try:
        owner = owner_for_command(username=args.owner)
    except OwnerError as error:
        raise CommandError(str(error)) from None
    if args.action == "export":
        return _export(owner, args.output)
    raw = _read(args.file, settings.WAYFINDER_MAX_UPLOAD_BYTES)
    file_format = args.format or people_import.format_guess(args.file, raw)
    mapping = _mapping(args.map)
    if mapping is not None and file_format != "csv":
        raise CommandError("--map is for --format csv only")
    try:
        contacts = people_import.contacts_read(raw, file_format=file_format, mapping=mapping)
        preview = people_import.people_import_preview(owner=owner, contacts=contacts)
    except NetworkError as error:
        raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    print("\n".join(people_import.preview_lines(preview)))
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    try:
        result = people_import.people_import_apply(owner=owner, preview=preview)
    except NetworkError as error:
        raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    print(
        f"Imported: {result.created} new, {result.merged} merged, {result.skipped} skipped. "
        "Place the new people on the People page (To place)."
    )
    return 0


def _export(owner, output: str | None) -> int:
    from wayfinder.network.importers.vcard import people_vcards
    from wayfinder.network.models import Person

    text = people_vcards(Person.objects.for_owner(owner).order_by("name", "namesake"))
    if output is None:
        sys.stdout.write(text)
        return 0
    from wayfinder.cli.commands.export import _write_file

    _write_file(Path(output).expanduser(), text)
    print(f"Wrote {text.count('BEGIN:VCARD')} people to {output}")
    return 0
