"""Reads for sign-in: the one normal form of a username, and the account it names."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet

from wayfinder.accounts.models import AccountSession


def username_normalise(username: str) -> str:
    """A username as sign-in matches it and the throttle counts it.

    NFKC (full-width "ｂｏｂ" is "bob"), stripped of surrounding space, case-folded: every
    spelling that reaches one account is one name, so none gets a fresh set of attempts.
    """
    folded = unicodedata.normalize("NFKC", username).strip().casefold()
    return unicodedata.normalize("NFKC", folded)


def username_for_signin(username: str) -> str:
    """The stored spelling of the account `username` names, or `username` when none does.

    An exact match wins; otherwise the one account whose name normalises the same. Two such
    accounts (made before names were compared this way) sign in only by their exact name.
    """
    key = username_normalise(username)
    typed = unicodedata.normalize("NFKC", username).strip()
    names = list(
        get_user_model()
        .objects.filter(username__iexact=typed)
        .values_list("username", flat=True)[:10]
    )
    if typed in names:
        return typed
    matches = [name for name in names if username_normalise(name) == key]
    return matches[0] if len(matches) == 1 else typed


def sessions_active(*, user: User, now: dt.datetime) -> QuerySet[AccountSession]:
    """The account's signed-in sessions that have not ended, most recently used first."""
    return AccountSession.objects.filter(user=user, expires_at__gt=now).order_by(
        "-last_seen_at", "-pk"
    )
