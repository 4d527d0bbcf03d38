"""The feed at its secret address, and one planned conversation as an .ics download.

The feed needs no session: its address is the key. An unknown, rotated or turned-off token
is a 404, the same for all of them. `ETag` and `Last-Modified` come with it, and Django's
`condition` answers a conditional GET with a 304 when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from wayfinder.calendars.documents import conversation_calendar, feed_calendar
from wayfinder.calendars.selectors import feed_for_token
from wayfinder.calendars.services import calendar_feed_served
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.selectors import conversation_list
from wayfinder.core.web import owner_of

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class Served:
    body: bytes
    etag: str
    changed_at: dt.datetime


def _served(request: HttpRequest, token: str) -> Served:
    """The feed `token` opens, built once per request (the ETag, Last-Modified and the
    body all come from it)."""
    cached = getattr(request, "_calendar_feed", None)
    if cached is not None:
        return cached
    feed = feed_for_token(token=token)
    if feed is None:
        raise Http404("No calendar feed at this address.")
    body = feed_calendar(feed=feed, base_url=settings.WAYFINDER_BASE_URL)
    etag = hashlib.sha256(body).hexdigest()[:32]
    changed_at = calendar_feed_served(feed=feed, etag=etag, now=timezone.now())
    served = Served(body, etag, changed_at)
    request._calendar_feed = served  # type: ignore[attr-defined]
    return served


@login_not_required
@require_safe
@condition(
    etag_func=lambda request, token: _served(request, token).etag,
    last_modified_func=lambda request, token: _served(request, token).changed_at,
)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    response = HttpResponse(_served(request, token).body, content_type=CONTENT_TYPE)
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
