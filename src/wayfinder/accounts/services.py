"""Sign-in links and throttling of password attempts."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from wayfinder.accounts.models import AccountSession, SignInAttempt, SignInLink, SignInLock
from wayfinder.accounts.selectors import username_normalise
from wayfinder.core.tokens import token_hash, token_new

LINK_LIFETIME = dt.timedelta(minutes=15)
# A viewer's session (an account that only reads what others share): OWASP ASVS 5.0 V7.3,
# reasoned in docs/sharing.md, "Sessions". An owner's session keeps Django's cookie age,
# renewed while it is used.
VIEWER_IDLE_TIMEOUT = dt.timedelta(hours=12)
VIEWER_ABSOLUTE_LIFETIME = dt.timedelta(days=30)
# How stale "last seen" may grow before a request writes it again: one write per few minutes
# of use, not one per request.
SESSION_TOUCH_EVERY = dt.timedelta(minutes=5)
# Kept in the session itself, so checking a request costs no query.
SESSION_SIGNED_IN_AT = "wayfinder_signed_in_at"
SESSION_LAST_SEEN_AT = "wayfinder_last_seen_at"
SESSION_IS_VIEWER = "wayfinder_viewer_session"
THROTTLE_WINDOW = dt.timedelta(minutes=15)
# Failures within the window: for one name from one address (a guesser is stopped without
# locking out everyone behind that address), for one name from anywhere (guessing spread over
# many addresses), and from one address for any names (one address trying many names).
THROTTLE_MAX_FAILURES = 5
THROTTLE_MAX_FAILURES_PER_NAME = 20
THROTTLE_MAX_FAILURES_PER_ADDRESS = 50


class SignInError(ValueError):
    """A sign-in that cannot go ahead; the message is safe to show the visitor."""


class SignInThrottled(SignInError):
    """Too many recent failed sign-ins: no password is checked until the window passes."""


def signin_link_create(*, user: User, now: dt.datetime) -> str:
    """Create a one-time sign-in link for `user` and return its secret token."""
    token, hashed = token_new()
    SignInLink.objects.create(
        user=user, token_hash=hashed, created_at=now, expires_at=now + LINK_LIFETIME
    )
    return token


@transaction.atomic
def signin_link_redeem(*, token: str, now: dt.datetime) -> User:
    """The user a valid, unused, unexpired link belongs to; the link is used up."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=token_hash(token))
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


def signin_attempt_begin(
    *, username: str, ip_address: str | None, now: dt.datetime
) -> SignInAttempt:
    """Record a password attempt (as failed until it succeeds), unless throttled.

    Raises SignInThrottled after too many recent failures for this name from this address,
    for this name from anywhere, or from this address for any name. The count and the record
    are one step under the name's lock row, so of many concurrent guesses only the allowed
    number go on to a password check.
    """
    key = username_normalise(username)[:150]
    since = now - THROTTLE_WINDOW
    with transaction.atomic():
        # Created in a savepoint if missing, then held FOR UPDATE until the attempt is written
        # (on SQLite the IMMEDIATE transaction already serialises writers).
        SignInLock.objects.select_for_update().get_or_create(username=key)
        recent = SignInAttempt.objects.filter(attempted_at__gte=since, succeeded=False)
        counts = recent.aggregate(
            name=Count("pk", filter=Q(username=key)),
            name_and_address=Count("pk", filter=Q(username=key, ip_address=ip_address)),
            address=Count("pk", filter=Q(ip_address=ip_address)),
        )
        if (
            counts["name_and_address"] >= THROTTLE_MAX_FAILURES
            or counts["name"] >= THROTTLE_MAX_FAILURES_PER_NAME
            or (ip_address is not None and counts["address"] >= THROTTLE_MAX_FAILURES_PER_ADDRESS)
        ):
            raise SignInThrottled("Too many failed sign-ins. Wait 15 minutes and try again.")
        return SignInAttempt.objects.create(
            username=key, ip_address=ip_address, attempted_at=now, succeeded=False
        )


def signin_attempt_succeeded(*, attempt: SignInAttempt) -> None:
    """The password was right: this attempt no longer counts as a failure."""
    SignInAttempt.objects.filter(pk=attempt.pk).update(succeeded=True)


def signin_link_send(*, user: User, base_url: str, now: dt.datetime) -> None:
    """Email `user` a one-time sign-in link, to their own address only.

    The token goes into the email and nowhere else: whoever sends it (the instance
    administrator) never sees it, so cannot use it to sign in as the owner.
    """
    if not user.is_active:
        raise SignInError(f"{user.get_username()} is deactivated: no link sent")
    address = getattr(user, "email", "")
    if not address:
        raise SignInError(f"{user.get_username()} has no email address: no link sent")
    token = signin_link_create(user=user, now=now)
    link = base_url.rstrip("/") + reverse("accounts:signin-link", args=[token])
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    send_mail(
        subject="Your Wayfinder sign-in link",
        message=(
            f"Open this link to sign in to Wayfinder as {user.get_username()}:\n\n{link}\n\n"
            f"It works once, within {minutes} minutes. Once signed in, you can set a new "
            "password from Profile → Change password.\n\n"
            "The administrator of this Wayfinder sent it at your request. If you did not "
            "ask for it, you can ignore this email."
        ),
        from_email=None,
        recipient_list=[address],
    )


def account_deactivate(*, user: User) -> None:
    """The account can no longer sign in; its sessions end and unused links stop working.

    Its data stays as it is: reactivating gives it back.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    SignInLink.objects.filter(user=user, used_at__isnull=True).delete()
    sessions_sign_out_everywhere(user=user)


def _session_expiry(*, is_viewer: bool, signed_in_at: dt.datetime, last_seen_at: dt.datetime):
    if is_viewer:
        return min(last_seen_at + VIEWER_IDLE_TIMEOUT, signed_in_at + VIEWER_ABSOLUTE_LIFETIME)
    return last_seen_at + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def session_is_expired(*, session: SessionBase, now: dt.datetime) -> bool:
    """Whether a viewer's session is past its idle timeout or its absolute lifetime.

    An owner's session (or one signed in before sessions were recorded) ends only when
    Django's session store lets it expire.
    """
    if not session.get(SESSION_IS_VIEWER):
        return False
    signed_in_at = dt.datetime.fromisoformat(session[SESSION_SIGNED_IN_AT])
    last_seen_at = dt.datetime.fromisoformat(session[SESSION_LAST_SEEN_AT])
    expires_at = _session_expiry(
        is_viewer=True, signed_in_at=signed_in_at, last_seen_at=last_seen_at
    )
    return expires_at <= now


def session_record(
    *, user: User, session: SessionBase, now: dt.datetime, user_agent: str = ""
) -> AccountSession:
    """Record a fresh sign-in of `user` in `session`; prune the account's ended sessions.

    A session is a viewer's when the account has no career record of its own.
    """
    if session.session_key is None:
        session.save()
    is_viewer = not hasattr(user, "profile")
    session[SESSION_SIGNED_IN_AT] = now.isoformat()
    session[SESSION_LAST_SEEN_AT] = now.isoformat()
    session[SESSION_IS_VIEWER] = is_viewer
    AccountSession.objects.filter(user=user, expires_at__lte=now).delete()
    record, _ = AccountSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "is_viewer": is_viewer,
            "signed_in_at": now,
            "last_seen_at": now,
            "expires_at": _session_expiry(is_viewer=is_viewer, signed_in_at=now, last_seen_at=now),
            "user_agent": user_agent[:200],
        },
    )
    return record


def session_touch(*, user: User, session: SessionBase, now: dt.datetime) -> None:
    """Note that the session is in use, when "last seen" is older than a few minutes."""
    seen = session.get(SESSION_LAST_SEEN_AT)
    if seen is None or session.session_key is None:
        return
    if now - dt.datetime.fromisoformat(seen) < SESSION_TOUCH_EVERY:
        return
    session[SESSION_LAST_SEEN_AT] = now.isoformat()
    expires_at = _session_expiry(
        is_viewer=bool(session.get(SESSION_IS_VIEWER)),
        signed_in_at=dt.datetime.fromisoformat(session[SESSION_SIGNED_IN_AT]),
        last_seen_at=now,
    )
    AccountSession.objects.filter(user=user, session_key=session.session_key).update(
        last_seen_at=now, expires_at=expires_at
    )


def session_forget(*, session_key: str | None) -> None:
    """The session was signed out: it is no longer listed."""
    if session_key:
        AccountSession.objects.filter(session_key=session_key).delete()


def sessions_password_changed(*, user: User, old_key: str | None, new_key: str | None) -> None:
    """The password changed: Django no longer accepts the account's other sessions (their
    auth hash is stale), so they are no longer listed; this one goes on under its new key."""
    AccountSession.objects.filter(user=user).exclude(session_key=old_key or "").delete()
    if old_key and new_key:
        AccountSession.objects.filter(user=user, session_key=old_key).update(session_key=new_key)


def sessions_sign_out_everywhere(*, user: User) -> int:
    """End every session of `user`, on every device; the number ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(AccountSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    AccountSession.objects.filter(user=user).delete()
    return len(keys)
