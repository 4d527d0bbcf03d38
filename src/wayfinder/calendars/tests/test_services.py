"""Turning the feed on, rotating it, turning it off, choosing its kinds."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from wayfinder.calendars.models import CalendarFeed, FeedKind
from wayfinder.calendars.selectors import feed_for_token, review_due_on
from wayfinder.calendars.services import (
    CalendarError,
    calendar_feed_get_or_create,
    calendar_feed_rotate,
    calendar_feed_set_kinds,
    calendar_feed_turn_off,
    calendar_feed_turn_on,
)
from wayfinder.reflection.selectors import review_due

pytestmark = pytest.mark.django_db


def test_turning_on_keeps_only_the_tokens_hash(owner):
    token = calendar_feed_turn_on(owner=owner)
    feed = CalendarFeed.objects.for_owner(owner).get()
    assert feed.enabled and len(token) >= 40
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(getattr(feed, f.attname)) for f in CalendarFeed._meta.fields}
    assert feed_for_token(token=token) == feed


def test_turning_on_a_feed_already_on_is_refused_and_changes_nothing(owner):
    token = calendar_feed_turn_on(owner=owner)
    with pytest.raises(CalendarError, match="already on"):
        calendar_feed_turn_on(owner=owner)
    assert feed_for_token(token=token) is not None


def test_rotating_replaces_the_address(owner):
    old = calendar_feed_turn_on(owner=owner)
    new = calendar_feed_rotate(owner=owner)
    assert new != old
    assert feed_for_token(token=old) is None
    assert feed_for_token(token=new).rotated_at is not None


def test_rotating_a_feed_that_is_off_turns_it_on(owner):
    token = calendar_feed_rotate(owner=owner)
    assert feed_for_token(token=token).enabled


def test_turning_off_forgets_the_token_and_keeps_the_kinds(owner):
    token = calendar_feed_turn_on(owner=owner)
    calendar_feed_set_kinds(owner=owner, kinds=["goals"])
    feed = calendar_feed_turn_off(owner=owner)
    assert not feed.enabled and feed.token_hash is None
    assert feed_for_token(token=token) is None
    assert CalendarFeed.objects.for_owner(owner).get().kinds == ["goals"]


def test_a_new_feed_holds_every_kind_and_is_off(owner):
    feed = calendar_feed_get_or_create(owner=owner)
    assert feed.kinds == list(FeedKind.values) and not feed.enabled
    assert calendar_feed_get_or_create(owner=owner) == feed
    assert CalendarFeed.objects.count() == 1


def test_setting_the_kinds_and_the_conversation_time(owner):
    feed = calendar_feed_set_kinds(
        owner=owner,
        kinds=["conversations", "review"],
        conversation_time=dt.time(9, 15, 33),
        conversation_minutes=30,
    )
    feed.refresh_from_db()
    assert feed.kinds == ["conversations", "review"]
    assert feed.conversation_time == dt.time(9, 15) and feed.conversation_minutes == 30


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kinds": ["salary"]}, "unknown calendar item kind 'salary'"),
        ({"kinds": [], "conversation_minutes": 4}, "from 5 to 480 minutes"),
        ({"kinds": [], "conversation_minutes": 481}, "from 5 to 480 minutes"),
    ],
)
def test_bad_kinds_are_refused_and_change_nothing(owner, arguments, message):
    with pytest.raises(CalendarError, match=message):
        calendar_feed_set_kinds(owner=owner, **arguments)
    assert not CalendarFeed.objects.exists()


def test_a_token_of_one_owner_opens_only_their_feed(owner, outsider):
    mine = calendar_feed_turn_on(owner=owner)
    theirs = calendar_feed_turn_on(owner=outsider)
    assert feed_for_token(token=mine).owner == owner
    assert feed_for_token(token=theirs).owner == outsider
    assert feed_for_token(token="") is None


@pytest.mark.parametrize("every", [1, 30, 92])
def test_the_reviews_due_day_is_the_first_day_review_due_holds(every):
    last = dt.date(2026, 9, 1)
    due = review_due_on(last_review_on=last, joined_on=dt.date(2026, 1, 1), after_days=every)
    assert review_due(last_review_on=last, today=due, after_days=every)
    assert not review_due(last_review_on=last, today=due - dt.timedelta(days=1), after_days=every)


def test_with_no_review_yet_one_is_due_from_the_day_the_owner_joined():
    joined = dt.date(2026, 1, 1)
    assert review_due_on(last_review_on=None, joined_on=joined, after_days=92) == joined
