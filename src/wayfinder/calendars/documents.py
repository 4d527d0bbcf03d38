"""The feed and a single conversation as iCalendar (RFC 5545), built with `icalendar`.

Text is escaped by the library. Times carry the owner's time zone with its VTIMEZONE
(`add_missing_timezones`); all-day items are VALUE=DATE. DTSTAMP is each item's last change,
as RFC 5545 has it for an object without METHOD, so the same record gives the same bytes
and the feed's ETag holds until something changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import (
    CalendarItem,
    calendar_feed_of,
    calendar_items,
    conversation_item,
    owner_zone,
    uid_host,
)
from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.core.clock import today_for
from wayfinder.core.privacy import outward_reader, seal

if TYPE_CHECKING:
    from wayfinder.conversations.models import DevelopmentConversation
    from wayfinder.core.models import Profile

PRODID = "-//Wayfinder//Career development calendar//EN"
# How often a subscribed calendar should look again (a hint; Google decides for itself).
REFRESH = dt.timedelta(hours=1)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _event(item: CalendarItem, *, host: str, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"{item.uid}@{host}")
    event.add("dtstamp", _utc(item.last_modified))
    event.add("created", _utc(item.created))
    event.add("last-modified", _utc(item.last_modified))
    event.add("sequence", item.sequence)
    event.add("summary", item.summary)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    # An all-day reminder leaves the day free; a conversation takes its time.
    event.add("transp", "OPAQUE" if isinstance(item.start, dt.datetime) else "TRANSPARENT")
    event.add("categories", [item.kind])
    description = item.description
    if base_url:
        link = base_url.rstrip("/") + item.path
        event.add("url", link)
        description = f"{description}\n\n{link}" if description else link
    if description:
        event.add("description", description)
    return event


def calendar_document(
    items: Iterable[CalendarItem], *, zone_name: str, name: str, base_url: str
) -> bytes:
    """The items as one iCalendar document, with a VTIMEZONE for each zone its times use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone_name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    host = uid_host()
    ordered = sorted(items, key=_order)
    for item in ordered:
        calendar.add_component(_event(item, host=host, base_url=base_url))
    if ordered:
        # The zone's rules over the years the items span, not 1970 to 2038.
        first, last = _order(ordered[0])[0], _order(ordered[-1])[0]
        calendar.add_missing_timezones(
            first_date=first.replace(month=1, day=1),
            last_date=last.replace(year=last.year + 1, month=1, day=1),
        )
    return calendar.to_ical()


def _order(item: CalendarItem) -> tuple[dt.date, str]:
    start = item.start.date() if isinstance(item.start, dt.datetime) else item.start
    return start, item.uid


def feed_calendar(*, feed: CalendarFeed, base_url: str) -> bytes:
    """The owner's whole feed: what is coming, of the kinds the feed holds."""
    owner = feed.owner
    items = calendar_items(owner=owner, feed=feed, today=today_for(owner))
    return calendar_document(
        items, zone_name=str(owner_zone(owner)), name=_name(owner), base_url=base_url
    )


@outward_reader
def conversation_calendar(
    *, owner: Profile, conversation: DevelopmentConversation, base_url: str
) -> bytes:
    """One planned conversation, as the feed shows it, with its agenda as the description:
    the agenda written for it, or, while none is, the one drafted from the record."""
    seal(conversation)
    feed = calendar_feed_of(owner=owner) or CalendarFeed(owner=owner)
    zone = owner_zone(owner)
    item = conversation_item(conversation, feed=feed, zone=zone)
    if not item.description:
        draft = agenda_draft(owner=owner, today=today_for(owner), conversation=conversation)
        item = replace(item, description=agenda_markdown(draft).strip())
    return calendar_document([item], zone_name=str(zone), name=item.summary, base_url=base_url)


def _name(owner: Profile) -> str:
    return f"Wayfinder: {owner}"
