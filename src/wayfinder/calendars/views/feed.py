"""The feed at its secret address, and one planned conversation as an .ics download.

The feed needs no session: its address is the key. An unknown, rotated or turned-off token
is a 404, the same for all of them. `ETag` and `Last-Modified` come with it, and Django's
`condition` answers a conditional GET with a 304 when nothing changed. A feed is built
once per change of what it is made of (the owner's data version moves with every write),
so a calendar polling an unchanged feed costs a few queries, not the whole feed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from wayfinder.calendars.documents import conversation_calendar, feed_calendar
from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import feed_for_token
from wayfinder.calendars.services import calendar_feed_served
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.selectors import conversation_list
from wayfinder.core.versions import data_version_of
from wayfinder.core.web import owner_of, today_for

CONTENT_TYPE = "text/calendar; charset=utf-8"
# How long a built feed is kept for the next poll (its key changes with any write anyway).
CACHED_SECONDS = 24 * 60 * 60


# Bumped when the feed's shape changes, so a cached feed of an older build is not served.
FEED_BUILD = 1


@dataclass
class Served:
    """The feed at one request: its ETag and Last-Modified, and the body when it is needed
    (a poll answered 304 never builds it)."""

    feed: CalendarFeed
    key: str
    etag: str
    changed_at: dt.datetime
    body: bytes | None = None


def _build(feed: CalendarFeed, key: str) -> tuple[bytes, str, dt.datetime]:
    body = feed_calendar(feed=feed, base_url=settings.WAYFINDER_BASE_URL)
    etag = hashlib.sha256(body).hexdigest()[:32]
    changed_at = calendar_feed_served(feed=feed, key=key, etag=etag, now=timezone.now())
    cache.set(f"calendar-feed:{feed.pk}:{key}", body, timeout=CACHED_SECONDS)
    return body, etag, changed_at


def _served(request: HttpRequest, token: str) -> Served:
    """The feed `token` opens, read once per request. Its content is keyed by what it is
    built from (the feed's settings, the owner's data version, the owner's day): while
    the key holds, the ETag and Last-Modified are the ones noted when it was built."""
    cached = getattr(request, "_calendar_feed", None)
    if cached is not None:
        return cached
    feed = feed_for_token(token=token)
    if feed is None:
        raise Http404("No calendar feed at this address.")
    owner = feed.owner
    made_of = (
        f"{FEED_BUILD}:{feed.pk}:{feed.updated_at.isoformat()}:{data_version_of(owner=owner)}"
        f":{today_for(owner).isoformat()}:{settings.WAYFINDER_BASE_URL}"
    )
    key = hashlib.sha256(made_of.encode()).hexdigest()[:32]
    if feed.served_key == key and feed.served_etag and feed.served_changed_at:
        served = Served(feed, key, feed.served_etag, feed.served_changed_at)
    else:
        body, etag, changed_at = _build(feed, key)
        served = Served(feed, key, etag, changed_at, body)
    request._calendar_feed = served  # type: ignore[attr-defined]
    return served


def _body(served: Served) -> bytes:
    if served.body is None:
        served.body = cache.get(f"calendar-feed:{served.feed.pk}:{served.key}")
    if served.body is None:  # another process built it, or the cache let it go
        served.body, _etag, _changed_at = _build(served.feed, served.key)
    return served.body


@login_not_required
@require_safe
@condition(
    etag_func=lambda request, token: _served(request, token).etag,
    last_modified_func=lambda request, token: _served(request, token).changed_at,
)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    response = HttpResponse(_body(_served(request, token)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="wayfinder.ics"'
    # Whoever holds the address may read it; no shared cache should keep it.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def conversation_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A planned conversation as an .ics file to add to a calendar, its agenda as the
    description; another owner's conversation, or one not planned, is a 404."""
    owner = owner_of(request)
    conversation = get_object_or_404(
        conversation_list(owner=owner, status=ConversationStatus.PLANNED), pk=pk
    )
    body = conversation_calendar(
        owner=owner, conversation=conversation, base_url=settings.WAYFINDER_BASE_URL
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    filename = f"conversation-{conversation.held_on.isoformat()}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
