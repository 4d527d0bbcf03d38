"""`wayfinder token create|list|revoke`: personal access tokens for the JSON API, through
the same services as Settings → API tokens.

`create` prints the token on its last line: it is shown once (only its hash is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from wayfinder.cli import CommandError, date_text, setup_django

READS_ONLY = True  # without a database there is no owner to make a token for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a token; it is printed once")
    create.add_argument("--name", required=True, metavar="N", help="what uses it, e.g. phone")
    create.add_argument(
        "--scopes",
        required=True,
        metavar="S",
        help="comma-separated, e.g. read:wins,write:wins; `all` grants every scope, private "
        "included (docs/api.md lists them)",
    )
    create.add_argument("--expires", type=date_text, metavar="D", help="its last day")
    create.add_argument("--owner", metavar="USERNAME", help="whose record (if several owners)")
    listing = actions.add_parser("list", help="every token: name, scopes, last use, state")
    listing.add_argument("--json", action="store_true", help="print it as JSON")
    listing.add_argument("--owner", metavar="USERNAME", help="whose tokens (if several owners)")
    revoke = actions.add_parser("revoke", help="stop a token working, at once")
    revoke.add_argument(
        "id", type=int, metavar="ID", help="the token's id (`wayfinder token list`)"
    )
    revoke.add_argument("--owner", metavar="USERNAME", help="whose token (if several owners)")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from wayfinder.api.scopes import ScopeError
    from wayfinder.api.services import TokenError
    from wayfinder.core.clock import today_for
    from wayfinder.core.selectors import owner_for_command
    from wayfinder.core.services import OwnerError

    try:
        owner = owner_for_command(username=args.owner)
        today = today_for(owner)
        if args.action == "create":
            return _create(args, owner, today)
        if args.action == "list":
            return _list(args, owner, today)
        return _revoke(args, owner)
    except (OwnerError, TokenError, ScopeError) as error:
        raise CommandError(str(error)) from None


def _create(args: argparse.Namespace, owner, today: dt.date) -> int:
    from wayfinder.api.scopes import scopes_parse
    from wayfinder.api.services import token_create

    expires_on = dt.date.fromisoformat(args.expires) if args.expires else None
    token, secret = token_create(
        owner=owner,
        name=args.name,
        scopes=scopes_parse(args.scopes),
        today=today,
        expires_on=expires_on,
    )
    until = f" until {token.expires_on.isoformat()}" if token.expires_on else ""
    print(f"Token {token.pk} '{token.name}'{until}: {','.join(token.scopes)}.")
    print("Keep it now, it is not shown again:")
    print(secret)
    return 0


def _list(args: argparse.Namespace, owner, today: dt.date) -> int:
    from wayfinder.api.selectors import tokens_of_owner

    rows = [
        {
            "id": token.pk,
            "name": token.name,
            "scopes": list(token.scopes),
            "created_at": token.created_at.isoformat(),
            "expires_on": token.expires_on.isoformat() if token.expires_on else None,
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "state": token.state_on(today),
        }
        for token in tokens_of_owner(owner=owner)
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No tokens yet: `wayfinder token create --name N --scopes read:wins`.")
        return 0
    for row in rows:
        used = f"last used {row['last_used_at']}" if row["last_used_at"] else "never used"
        scopes = ",".join(row["scopes"])  # type: ignore[arg-type]
        print(f"{row['id']:>4}  {row['state']:<8} {row['name']}  {scopes}  {used}")
    return 0


def _revoke(args: argparse.Namespace, owner) -> int:
    from django.utils import timezone

    from wayfinder.api.selectors import token_of_owner
    from wayfinder.api.services import token_revoke

    token = token_of_owner(owner=owner, token_id=args.id)
    if token is None:
        raise CommandError(f"you have no token {args.id} (see `wayfinder token list`)")
    token_revoke(owner=owner, token=token, now=timezone.now())
    print(f"Token {token.pk} '{token.name}' is revoked: it opens nothing any more.")
    return 0
