"""Writes for personal access tokens: make one (shown once), revoke one, note its use."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import transaction

from wayfinder.api.models import AccessToken
from wayfinder.api.scopes import ScopeError, scopes_checked
from wayfinder.core.checks import ensure_owned, ensure_storable
from wayfinder.core.models import Profile
from wayfinder.core.parsing import one_line
from wayfinder.core.tokens import token_hash

# Every token starts so, which makes one easy to spot in a leaked file or a secret scanner.
TOKEN_PREFIX = "wf_"
# How stale `last_used_at` may be: noting every request would cost a write each.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made or changed as asked; the message says why."""


@transaction.atomic
def token_create(
    *,
    owner: Profile,
    name: str,
    scopes: Sequence[str],
    today: dt.date,
    expires_on: dt.date | None = None,
) -> tuple[AccessToken, str]:
    """Make a token; returns it with its secret, which is never stored and never shown
    again."""
    name = one_line(name)
    if not name:
        raise TokenError("a token needs a name, e.g. the script or device that uses it")
    try:
        checked = scopes_checked(list(scopes))
    except ScopeError as error:
        raise TokenError(str(error)) from None
    if not checked:
        raise TokenError("a token needs at least one scope")
    if expires_on is not None and expires_on < today:
        raise TokenError(f"the expiry date {expires_on.isoformat()} has already passed")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        owner=owner,
        name=name,
        scopes=checked,
        expires_on=expires_on,
        token_hash=token_hash(secret),
    )
    ensure_storable(token, error=TokenError, exclude=("scopes",))
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, owner: Profile, token: AccessToken, now: dt.datetime) -> AccessToken:
    """Stop a token working, from now on; revoking it again changes nothing."""
    ensure_owned(owner, token, "token", error=TokenError)
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
    return token


def token_note_use(*, token: AccessToken, now: dt.datetime) -> None:
    """Note that the token was used, at most once per LAST_USED_PRECISION."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    token.last_used_at = now
    # update(), not save(): it must not bump updated_at nor race a revocation.
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
