"""`wayfinder share create|list|revoke|pack`: shares from the command line, through the same
services as the Sharing page.

`create` prints the one-time invitation link, an absolute address built from
WAYFINDER_BASE_URL, on its last line: it is shown once (only its hash is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from wayfinder.cli import CommandError, date_text, setup_django
from wayfinder.cli.commands import share_pack

READS_ONLY = True  # without a database there is no record to share
PATH_ARGUMENTS = share_pack.PATH_ARGUMENTS  # `share pack -o FILE`
# How long a share lasts unless --expires says otherwise: a quarter, one review cycle.
DEFAULT_DAYS = 90


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="share sections with someone of your people")
    create.add_argument("--person", required=True, metavar="NAME", help="who it is for")
    create.add_argument(
        "--email", default="", metavar="E", help="where the invitation goes (default: theirs)"
    )
    create.add_argument(
        "--sections",
        required=True,
        metavar="KEYS",
        help="comma-separated sections, e.g. plan,wins (direction, goals, plan, "
        "experiments, wins, advocacy, conversations, guidance)",
    )
    create.add_argument("--period-from", type=date_text, metavar="D", help="dated items from")
    create.add_argument("--period-to", type=date_text, metavar="D", help="dated items until")
    create.add_argument(
        "--expires", type=date_text, metavar="D", help=f"last day (default: in {DEFAULT_DAYS} days)"
    )
    create.add_argument("--comments", action="store_true", help="let them comment")
    create.add_argument(
        "--collaborators", action="store_true", help="name the people you worked with on wins"
    )
    create.add_argument("--owner", metavar="USERNAME", help="whose record (if several owners)")
    listing = actions.add_parser("list", help="every share: person, sections, expiry, state")
    listing.add_argument("--json", action="store_true", help="print it as JSON")
    listing.add_argument("--owner", metavar="USERNAME", help="whose shares (if several owners)")
    revoke = actions.add_parser("revoke", help="take a share back at once")
    revoke.add_argument(
        "id", type=int, metavar="ID", help="the share's id (`wayfinder share list`)"
    )
    revoke.add_argument("--owner", metavar="USERNAME", help="whose share (if several owners)")
    share_pack.add_arguments(
        actions.add_parser("pack", help="the chosen sections in one file, for a local instance")
    )


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def run(args: argparse.Namespace) -> int:
    if args.action == "pack":
        return share_pack.run(args)
    setup_django()
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError
    from wayfinder.sharing.services import ShareError

    try:
        owner = owner_for_command(username=args.owner)
        today = today_for(owner)
        if args.action == "create":
            return _create(args, owner, today)
        if args.action == "list":
            return _list(args, owner, today)
        return _revoke(args, owner, today)
    except (OwnerError, ShareError) as error:
        raise CommandError(str(error)) from None


def _create(args: argparse.Namespace, owner, today: dt.date) -> int:
    from django.conf import settings

    from wayfinder.core.dates import date_shown
    from wayfinder.sharing.invitations import invitation_link
    from wayfinder.sharing.selectors import person_named
    from wayfinder.sharing.services import share_create

    base_url = settings.WAYFINDER_BASE_URL
    if not base_url:
        raise CommandError(
            "WAYFINDER_BASE_URL is not set, so no one else can reach this instance: set it "
            "to the address viewers open, or make a share pack (`wayfinder share pack`)"
        )
    person = person_named(owner=owner, name=args.person, today=today)
    share, token = share_create(
        owner=owner,
        person=person,
        email=args.email,
        sections=args.sections.split(","),
        expires_on=_day(args.expires) or today + dt.timedelta(days=DEFAULT_DAYS),
        period_start=_day(args.period_from),
        period_end=_day(args.period_to),
        allow_comments=args.comments,
        show_collaborators=args.collaborators,
        today=today,
    )
    sections = ", ".join(label.lower() for label in share.section_labels)
    print(
        f"Share {share.pk}: {sections} with {person.name} <{share.email}> until "
        f"{date_shown(share.expires_on)}."
    )
    print("Send them this one-time link (it is not shown again):")
    print(invitation_link(token=token, base_url=base_url))
    return 0


def _row(share, today: dt.date) -> dict[str, object]:
    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return {
        "id": share.pk,
        "person": share.person.name,
        "email": share.email,
        "sections": list(share.sections),
        "period_start": iso(share.period_start),
        "period_end": iso(share.period_end),
        "expires_on": share.expires_on.isoformat(),
        "state": share.state_on(today),
        "allow_comments": share.allow_comments,
        "last_access_at": share.last_access_at.isoformat() if share.last_access_at else None,
        "views": share.view_count,
    }


def _list(args: argparse.Namespace, owner, today: dt.date) -> int:
    from wayfinder.sharing.selectors import shares_for_owner

    rows = [_row(share, today) for share in shares_for_owner(owner)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No shares yet: `wayfinder share create --person NAME --sections plan,wins`.")
        return 0
    for row in rows:
        sections = ",".join(row["sections"])  # type: ignore[arg-type]
        print(
            f"{row['id']:>4}  {row['state']:<8} {row['person']} <{row['email']}>  "
            f"{sections}  until {row['expires_on']}  {row['views']} views"
        )
    return 0


def _revoke(args: argparse.Namespace, owner, today: dt.date) -> int:
    from wayfinder.sharing.selectors import shares_for_owner
    from wayfinder.sharing.services import share_revoke

    share = shares_for_owner(owner).filter(pk=args.id).first()
    if share is None:
        raise CommandError(f"you have no share {args.id}: see `wayfinder share list`")
    share_revoke(owner=owner, share=share)
    print(f"Share {share.pk} with {share.person.name} is revoked: it shows nothing from now on.")
    return 0
