"""Reads for personal access tokens: the owner's list, and the token a request carries."""

from __future__ import annotations

from django.db.models import QuerySet

from wayfinder.api.models import AccessToken
from wayfinder.api.services import TOKEN_PREFIX
from wayfinder.core.models import Profile
from wayfinder.core.tokens import token_hash


def tokens_of_owner(*, owner: Profile) -> QuerySet[AccessToken]:
    """The owner's tokens, newest first, revoked ones included (the page shows them)."""
    return AccessToken.objects.for_owner(owner).order_by("-created_at", "-id")


def token_of_owner(*, owner: Profile, token_id: int) -> AccessToken | None:
    return tokens_of_owner(owner=owner).filter(pk=token_id).first()


def token_with_secret(*, secret: str) -> AccessToken | None:
    """The unrevoked token whose secret this is, of an active account, with its owner and
    account (one query); None for a wrong or revoked one. Whether it has expired depends on
    the owner's today: `AccessToken.is_live`."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        AccessToken.objects.select_related("owner__user")
        .filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.owner.user.is_active:
        return None
    return token
