"""Sign-in links and throttling of password attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from wayfinder.accounts.models import SignInAttempt, SignInLink

LINK_LIFETIME = dt.timedelta(minutes=15)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
THROTTLE_MAX_FAILURES = 5


class SignInError(ValueError):
    """A sign-in that cannot go ahead; the message is safe to show the visitor."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def signin_link_create(*, user: AbstractBaseUser, now: dt.datetime) -> str:
    """Create a one-time sign-in link for `user` and return its secret token."""
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user, token_hash=_hash(token), created_at=now, expires_at=now + LINK_LIFETIME
    )
    return token


@transaction.atomic
def signin_link_redeem(*, token: str, now: dt.datetime) -> AbstractBaseUser:
    """The user a valid, unused, unexpired link belongs to; the link is used up."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_hash(token))
        .first()
    )
    if link is None or link.used_at is not None or link.expires_at <= now:
        raise SignInError(
            "This sign-in link is not valid any more: links work once, for 15 minutes. "
            "Restart `wayfinder serve` for a new one, or sign in with your password."
        )
    if not link.user.is_active:
        raise SignInError("This account is disabled.")
    link.used_at = now
    link.save(update_fields=["used_at"])
    return link.user


def signin_throttled(*, username: str, ip_address: str | None, now: dt.datetime) -> bool:
    """Too many recent failures for this username or from this address."""
    since = now - THROTTLE_WINDOW
    failures = SignInAttempt.objects.filter(attempted_at__gte=since, succeeded=False)
    by_user = failures.filter(username__iexact=username).count()
    by_ip = failures.filter(ip_address=ip_address).count() if ip_address else 0
    return max(by_user, by_ip) >= THROTTLE_MAX_FAILURES


def signin_attempt_record(
    *, username: str, ip_address: str | None, now: dt.datetime, succeeded: bool
) -> None:
    SignInAttempt.objects.create(
        username=username[:150], ip_address=ip_address, attempted_at=now, succeeded=succeeded
    )
