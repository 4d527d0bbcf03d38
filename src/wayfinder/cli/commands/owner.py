"""`wayfinder owner invite|list|deactivate|reactivate|delete`: the owners of a shared
instance, through the same services as the administrator's Owners pages.

`invite` prints the one-time sign-up link, an absolute address built from
WAYFINDER_BASE_URL, on its last line (only its hash is kept). `list` shows accounts and
counts, never a record.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from wayfinder.cli import CommandError, setup_django

READS_ONLY = True  # without a database there is no owner to manage


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    invite = actions.add_parser("invite", help="invite someone to sign up as an owner")
    invite.add_argument("email", metavar="EMAIL", help="where the sign-up link goes")
    invite.add_argument("--name", default="", metavar="N", help="how the invitation greets them")
    listing = actions.add_parser("list", help="every owner: state, last active, rows stored")
    listing.add_argument("--json", action="store_true", help="print it as JSON")
    for action, text in (
        ("deactivate", "the owner cannot sign in; their shares are not readable"),
        ("reactivate", "the owner may sign in again"),
    ):
        actions.add_parser(action, help=text).add_argument("username", metavar="USERNAME")
    delete = actions.add_parser("delete", help="delete an owner and every row of their record")
    delete.add_argument("username", metavar="USERNAME")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from wayfinder.accounts.owner_services import OwnersError

    try:
        if args.action == "invite":
            return _invite(args)
        if args.action == "list":
            return _list(args)
        return _change(args)
    except OwnersError as error:
        raise CommandError(str(error)) from None


def _invite(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.utils import timezone

    from wayfinder.accounts.owner_services import owner_invitation_deliver, owner_invite

    base_url = settings.WAYFINDER_BASE_URL
    if not base_url:
        raise CommandError(
            "WAYFINDER_BASE_URL is not set, so the sign-up link would lead nowhere: set it "
            "to the address owners open"
        )
    invitation, token = owner_invite(
        email=args.email, name=args.name, invited_by=None, now=timezone.now()
    )
    sent = owner_invitation_deliver(invitation=invitation, token=token, base_url=base_url)
    until = timezone.localtime(invitation.expires_at).strftime("%-d %b %Y %H:%M")
    if sent.queued:
        print(
            f"Queued the sign-up link's email to {invitation.email} for `wayfinder worker`; "
            f"it works once, until {until}."
        )
    elif sent.emailed:
        print(f"Emailed the sign-up link to {invitation.email}; it works once, until {until}.")
    else:
        print(f"No email sent (no mail server set up): send {invitation.email} this link.")
        print(f"It works once, until {until}, and is not shown again:")
    print(sent.link)
    return 0


def _row(owner: Any) -> dict[str, object]:
    return {
        "username": owner.username,
        "email": owner.email,
        "state": "active" if owner.is_active else "deactivated",
        "last_active": owner.last_active.isoformat() if owner.last_active else None,
        "active_recently": owner.active_recently,
        "rows": owner.rows,
        "total_rows": owner.total,
    }


def _list(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from wayfinder.accounts.owner_selectors import instance_figures

    figures = instance_figures(now=timezone.now())
    rows = [_row(owner) for owner in figures.owners]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No owner yet: `wayfinder owner invite EMAIL`.")
        return 0
    for row in rows:
        seen = str(row["last_active"])[:10] if row["last_active"] else "never"
        print(
            f"{row['username']:<20} {row['state']:<11} last active {seen:<10}  "
            f"{row['total_rows']} rows  <{row['email']}>"
        )
    print(
        f"{figures.owner_count} owner(s), {figures.active_count} active in the last "
        f"{figures.window_days} days, {figures.deactivated_count} deactivated."
    )
    return 0


def _change(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from wayfinder.accounts.owner_selectors import owner_profile
    from wayfinder.accounts.owner_services import (
        owner_deactivate,
        owner_delete,
        owner_reactivate,
    )

    profile = owner_profile(username=args.username)
    if profile is None:
        raise CommandError(f"no owner named {args.username!r}: see `wayfinder owner list`")
    user = profile.user
    if args.action == "deactivate":
        changed = owner_deactivate(user=user, by=None)
        print(
            f"{args.username} is deactivated: signed out everywhere, cannot sign in, and "
            "their shares are not readable until reactivated."
            if changed
            else f"{args.username} was already deactivated."
        )
        return 0
    if args.action == "reactivate":
        changed = owner_reactivate(user=user, by=None)
        print(
            f"{args.username} can sign in again."
            if changed
            else f"{args.username} was already active."
        )
        return 0
    if not args.yes:
        raise CommandError(
            f"deleting {args.username} removes their account and whole record for good: "
            "add --yes to confirm"
        )
    deleted = owner_delete(user=user, by=None, now=timezone.now())
    done = " ".join(deleted.done_first)
    print(f"Deleted {deleted.username} and {deleted.rows} rows of theirs. {done}".strip())
    return 0
