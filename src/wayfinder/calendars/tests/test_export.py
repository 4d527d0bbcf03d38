"""The feed's settings in the owner's export (format version 5): never its secret address.
An imported feed is off until the owner turns it on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import feed_for_token
from wayfinder.calendars.services import (
    calendar_feed_rotate,
    calendar_feed_set_kinds,
    calendar_feed_turn_on,
)
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.format import format_upgrade
from wayfinder.portability.importer import owner_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(owner):
    calendar_feed_set_kinds(
        owner=owner,
        kinds=["conversations", "goals"],
        conversation_time=dt.time(9, 30),
        conversation_minutes=45,
    )
    token = calendar_feed_rotate(owner=owner)
    return CalendarFeed.objects.for_owner(owner).get(), token


def test_the_export_holds_the_settings_but_not_the_address(owner, feed):
    row, token = feed
    data = owner_export(owner=owner)
    (exported,) = data["calendar_feeds"]
    assert exported["include_conversations"] and exported["include_goals"]
    assert not exported["include_people"]
    assert exported["conversation_start_minute"] == 9 * 60 + 30
    assert exported["conversation_minutes"] == 45
    hidden = {
        "token_hash",
        "enabled",
        "rotated_at",
        "served_etag",
        "served_key",
        "served_changed_at",
    }
    assert hidden.isdisjoint(exported)
    text = export_text(data)
    assert row.token_hash not in text and token not in text


def test_an_imported_feed_has_the_settings_and_is_off_until_turned_on(owner, feed):
    _row, token = feed
    result = owner_import(data=json.loads(export_text(owner_export(owner=owner))), username="b")
    imported = CalendarFeed.objects.for_owner(result.owner).get()
    assert imported.kinds == ["conversations", "goals"]
    assert imported.conversation_time == dt.time(9, 30)
    assert not imported.enabled and imported.token_hash is None
    # The old address still opens the old owner's feed only.
    assert feed_for_token(token=token).owner == owner
    new = calendar_feed_turn_on(owner=result.owner)
    assert feed_for_token(token=new).owner == result.owner


def test_a_version_4_file_is_read_with_no_feed():
    assert format_upgrade({"version": 4})["calendar_feeds"] == []
