"""Writes for the calendar feed: turn it on, rotate its address, turn it off, choose kinds.

The feed's address holds a secret token. Only its SHA-256 is stored (`token_hash`), so a
turned-on or rotated feed's token is returned once, to be shown once; a rotated or
turned-off token opens nothing any more.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection

from django.db import IntegrityError, transaction
from django.utils import timezone

from wayfinder.calendars.models import KIND_FIELDS, CalendarFeed, FeedKind
from wayfinder.core.models import Profile
from wayfinder.core.tokens import token_hash

_TOKEN_BYTES = 32


class CalendarError(ValueError):
    """A calendar feed request that cannot be done; the message says why."""


def calendar_feed_get_or_create(*, owner: Profile) -> CalendarFeed:
    """The owner's feed settings, created (turned off) on first use; safe under a race."""
    feed = CalendarFeed.objects.for_owner(owner).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(owner=owner)
    except IntegrityError:
        return CalendarFeed.objects.for_owner(owner).get()


def _new_token(feed: CalendarFeed, *, rotated: bool) -> str:
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    feed.token_hash = token_hash(token)
    feed.enabled = True
    fields = ["token_hash", "enabled"]
    if rotated:
        feed.rotated_at = timezone.now()
        fields.append("rotated_at")
    feed.save(update_fields=fields)
    return token


@transaction.atomic
def calendar_feed_turn_on(*, owner: Profile) -> str:
    """Turn the feed on with a new secret address; returns its token (shown once).

    A feed already on keeps working at its address: turning it on again is refused, since
    the address in use cannot be shown again (use `calendar_feed_rotate`)."""
    feed = calendar_feed_get_or_create(owner=owner)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.enabled:
        raise CalendarError(
            "your calendar feed is already on; its address was shown once, when you turned "
            "it on: rotate it to get a new one"
        )
    return _new_token(feed, rotated=False)


@transaction.atomic
def calendar_feed_rotate(*, owner: Profile) -> str:
    """Replace the feed's secret address: the old one opens nothing from now on. Turns the
    feed on if it was off. Returns the new token (shown once)."""
    feed = calendar_feed_get_or_create(owner=owner)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    return _new_token(feed, rotated=True)


def calendar_feed_turn_off(*, owner: Profile) -> CalendarFeed:
    """Turn the feed off: its address opens nothing, and no token is kept. The kinds chosen
    stay for the next time it is turned on."""
    feed = calendar_feed_get_or_create(owner=owner)
    feed.enabled = False
    feed.token_hash = None
    feed.save(update_fields=["enabled", "token_hash"])
    return feed


def calendar_feed_set_kinds(
    *,
    owner: Profile,
    kinds: Collection[str],
    conversation_time: dt.time | None = None,
    conversation_minutes: int | None = None,
) -> CalendarFeed:
    """Choose what the feed holds (the FeedKind values in `kinds`; the others are left
    out) and, if given, when conversations are placed and how long they last."""
    unknown = sorted(set(kinds) - set(FeedKind.values))
    if unknown:
        raise CalendarError(
            f"unknown calendar item kind {unknown[0]!r}: use {', '.join(FeedKind.values)}"
        )
    if conversation_minutes is not None and not 5 <= conversation_minutes <= 480:
        raise CalendarError("a conversation lasts from 5 to 480 minutes")
    feed = calendar_feed_get_or_create(owner=owner)
    fields = []
    for kind, field in KIND_FIELDS.items():
        setattr(feed, field, kind in kinds)
        fields.append(field)
    if conversation_time is not None:
        feed.conversation_start_minute = conversation_time.hour * 60 + conversation_time.minute
        fields.append("conversation_start_minute")
    if conversation_minutes is not None:
        feed.conversation_minutes = conversation_minutes
        fields.append("conversation_minutes")
    feed.save(update_fields=fields)
    return feed


def calendar_feed_served(
    *, feed: CalendarFeed, key: str, etag: str, now: dt.datetime
) -> dt.datetime:
    """Note that the feed built from `key` is served with content `etag`; returns when its
    content last changed (now, if `etag` differs from the last one served): the feed's
    Last-Modified."""
    changed_at = feed.served_changed_at
    if feed.served_etag != etag or changed_at is None:
        changed_at = now
    if (feed.served_key, feed.served_etag, feed.served_changed_at) != (key, etag, changed_at):
        # Bookkeeping only: the owner's feed settings (and their updated_at) do not change.
        CalendarFeed.objects.filter(pk=feed.pk).update(
            served_key=key, served_etag=etag, served_changed_at=changed_at
        )
        feed.served_key, feed.served_etag, feed.served_changed_at = key, etag, changed_at
    return changed_at
