"""The feed at its secret address, read with two independent parsers: icalendar and vobject."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
import vobject
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date
from icalendar import Calendar

from wayfinder.calendars.services import (
    calendar_feed_rotate,
    calendar_feed_set_kinds,
    calendar_feed_turn_off,
)
from wayfinder.conversations.models import ConversationStatus
from wayfinder.core.tests.factories import TODAY
from wayfinder.direction.models import GoalStatus
from wayfinder.experiments.models import ExperimentStatus, ExperimentVerdict
from wayfinder.network.tests.factories import InteractionFactory
from wayfinder.plan.models import ActionStatus

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
HOST = "wayfinder.example.com"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAYFINDER_BASE_URL = f"https://{HOST}"


def _events(response) -> dict[str, object]:
    """The feed's events by UID, as icalendar reads them."""
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _vevents(response) -> dict[str, object]:
    """The same, as vobject reads them: a second parser that shares no code with the first."""
    calendar = vobject.readOne(response.content.decode())
    return {event.uid.value: event for event in calendar.vevent_list}


def test_the_feed_is_icalendar_at_its_secret_address(record, client):
    response = client.get(record.path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"] and response["Last-Modified"]
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and "Wayfinder" in str(calendar["PRODID"])
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"


def test_every_kind_is_in_the_feed_with_stable_uids(record, client):
    first, second = _events(client.get(record.path)), _events(client.get(record.path))
    assert first.keys() == second.keys()
    uids = set(first)
    assert {
        f"conversation-{record.conversation.pk}@{HOST}",
        f"conversation-{record.cancelled.pk}@{HOST}",
        f"action-{record.action.uid}@{HOST}",
        f"goal-{record.goal.pk}@{HOST}",
        f"experiment-end-{record.experiment.pk}@{HOST}",
        # Checked in 5 days ago, every 14 days: due in 9 days.
        f"experiment-check-in-{record.experiment.pk}-{TODAY + dt.timedelta(days=9)}@{HOST}",
        # Met 10 days ago, every 30 days: due from the 31st day.
        f"person-due-{record.person.pk}-{TODAY + dt.timedelta(days=21)}@{HOST}",
        # Reviewed 60 days ago, every 92 days: due on the 93rd day.
        f"review-due-{TODAY + dt.timedelta(days=33)}@{HOST}",
    } == uids
    assert _vevents(client.get(record.path)).keys() == uids


def test_a_conversation_is_a_timed_event_in_the_owners_zone(record, client):
    response = client.get(record.path)
    uid = f"conversation-{record.conversation.pk}@{HOST}"
    event = _events(response)[uid]
    start = dt.datetime.combine(record.conversation.held_on, dt.time(10), tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + dt.timedelta(minutes=60)
    assert str(event["SUMMARY"]) == "Development conversation with Rob Patel"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"https://{HOST}/conversations/{record.conversation.pk}/"
    # The zone's definition travels with the feed.
    zones = Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    # vobject reads the same moment from the VTIMEZONE.
    parsed = _vevents(response)[uid]
    assert parsed.dtstart.value == start
    assert parsed.dtstart.value.utcoffset() == dt.timedelta(0)  # 30 Nov: GMT
    assert parsed.dtend.value - parsed.dtstart.value == dt.timedelta(hours=1)


def test_summer_time_is_the_zones_own(record, client):
    record.conversation.held_on = dt.date(2027, 6, 1)
    record.conversation.save()
    record.changed()
    parsed = _vevents(client.get(record.path))[f"conversation-{record.conversation.pk}@{HOST}"]
    assert parsed.dtstart.value.utcoffset() == dt.timedelta(hours=1)  # BST
    assert parsed.dtstart.value.astimezone(dt.UTC).hour == 9


def test_the_feed_places_conversations_at_the_owners_time(record, client):
    calendar_feed_set_kinds(
        owner=record.owner,
        kinds=["conversations"],
        conversation_time=dt.time(14, 30),
        conversation_minutes=45,
    )
    event = _events(client.get(record.path))[f"conversation-{record.conversation.pk}@{HOST}"]
    assert event.decoded("DTSTART").time() == dt.time(14, 30)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=45)


def test_all_day_items_are_dates(record, client):
    response = client.get(record.path)
    events, parsed = _events(response), _vevents(response)
    for uid, event in events.items():
        if uid.startswith("conversation-"):
            continue
        assert event["DTSTART"].params["VALUE"] == "DATE", uid
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)
        assert type(parsed[uid].dtstart.value) is dt.date
        assert str(event["TRANSP"]) == "TRANSPARENT"
    action = events[f"action-{record.action.uid}@{HOST}"]
    assert action.decoded("DTSTART") == record.action.due_on
    assert str(action["SUMMARY"]) == "Due: Present Q3 to the CRO"
    goal = events[f"goal-{record.goal.pk}@{HOST}"]
    assert goal.decoded("DTSTART") == record.goal.target_date
    end = events[f"experiment-end-{record.experiment.pk}@{HOST}"]
    assert end.decoded("DTSTART") == record.experiment.ends_on


def test_every_event_carries_its_bookkeeping(record, client):
    response = client.get(record.path)
    for uid, event in _events(response).items():
        for name in ("DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", "SUMMARY", "STATUS"):
            assert name in event, f"{uid} has no {name}"
        assert event.decoded("LAST-MODIFIED").tzinfo is not None
    for uid, event in _vevents(response).items():
        assert event.dtstamp.value.tzinfo is not None, uid
        assert int(event.sequence.value) >= 0


def test_text_is_escaped_by_the_library_and_reads_back_whole(record, client):
    agenda = 'Wins, asks; and a\nnew line, a backslash \\ and "quotes"'
    record.conversation.agenda = agenda
    record.conversation.save()
    record.changed()
    response = client.get(record.path)
    uid = f"conversation-{record.conversation.pk}@{HOST}"
    description = str(_events(response)[uid]["DESCRIPTION"])
    assert description.startswith(agenda + "\n\n")
    assert _vevents(response)[uid].description.value.startswith(agenda + "\n\n")
    # As written on the wire: escaped, never raw.
    assert b"Wins\\, asks\\; and a\\nnew line\\, a backslash \\\\ and" in response.content.replace(
        b"\r\n ", b""
    )


def test_a_changed_item_gets_a_higher_sequence_and_a_later_last_modified(record, client):
    uid = f"action-{record.action.uid}@{HOST}"
    before = _events(client.get(record.path))[uid]
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(15), tzinfo=dt.UTC)):
        record.action.title = "Present Q4 to the CRO"
        record.action.save()
        record.changed()
        after = _events(client.get(record.path))[uid]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")
    assert str(after["SUMMARY"]) == "Due: Present Q4 to the CRO"


def test_a_cancelled_conversation_is_cancelled(record, client):
    uid = f"conversation-{record.conversation.pk}@{HOST}"
    record.conversation.status = ConversationStatus.CANCELLED
    record.conversation.save()
    record.changed()
    response = client.get(record.path)
    assert str(_events(response)[uid]["STATUS"]) == "CANCELLED"
    assert _vevents(response)[uid].status.value == "CANCELLED"


def test_finished_items_leave_the_feed(record, client):
    record.conversation.status = ConversationStatus.HELD
    record.conversation.save()
    record.action.status = ActionStatus.DONE
    record.action.completed_on = TODAY
    record.action.save()
    record.goal.status = GoalStatus.ACHIEVED
    record.goal.save()
    record.experiment.status = ExperimentStatus.CONCLUDED
    record.experiment.verdict = ExperimentVerdict.ADOPT
    record.experiment.save()
    record.changed()
    uids = set(_events(client.get(record.path)))
    assert not [
        uid
        for uid in uids
        if not uid.startswith(("person-due-", "review-due-"))
        and uid != f"conversation-{record.cancelled.pk}@{HOST}"
    ]


def test_a_cancelled_conversation_leaves_a_month_after_its_day(record, client):
    uid = f"conversation-{record.cancelled.pk}@{HOST}"
    record.cancelled.held_on = TODAY - dt.timedelta(days=30)
    record.cancelled.save()
    record.changed()
    assert uid in _events(client.get(record.path))
    record.cancelled.held_on = TODAY - dt.timedelta(days=31)
    record.cancelled.save()
    record.changed()
    assert uid not in _events(client.get(record.path))


def test_a_new_interaction_moves_the_person_to_a_new_due_day(record, client):
    before = {u for u in _events(client.get(record.path)) if u.startswith("person-due-")}
    InteractionFactory(owner=record.owner, occurred_on=TODAY, people=[record.person])
    record.changed()
    after = {u for u in _events(client.get(record.path)) if u.startswith("person-due-")}
    assert after == {f"person-due-{record.person.pk}-{TODAY + dt.timedelta(days=31)}@{HOST}"}
    assert after != before


def test_someone_overdue_sits_on_the_day_they_fell_due(record, client):
    # Last met 10 days ago with a 5-day rhythm: due from 5 days ago.
    record.person.cadence_days = 5
    record.person.save()
    record.changed()
    uid = f"person-due-{record.person.pk}-{TODAY - dt.timedelta(days=4)}@{HOST}"
    assert uid in _events(client.get(record.path))


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        ("conversations", "conversation-"),
        ("actions", "action-"),
        ("goals", "goal-"),
        ("experiments", "experiment-"),
        ("people", "person-due-"),
        ("review", "review-due-"),
    ],
)
def test_each_kind_turns_off_on_its_own(record, client, kind, prefix):
    others = ["conversations", "actions", "goals", "experiments", "people", "review"]
    calendar_feed_set_kinds(owner=record.owner, kinds=[k for k in others if k != kind])
    uids = set(_events(client.get(record.path)))
    assert uids and not [uid for uid in uids if uid.startswith(prefix)]
    calendar_feed_set_kinds(owner=record.owner, kinds=[kind])
    uids = set(_events(client.get(record.path)))
    assert uids and all(uid.startswith(prefix) for uid in uids)


def test_a_poll_without_change_is_a_304(record, client):
    first = client.get(record.path)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(record.path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(record.path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # A change is a 200 with a new ETag and a later Last-Modified.
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(16), tzinfo=dt.UTC)):
        record.goal.title = "Head of Growth, EMEA"
        record.goal.save()
        record.changed()
        changed = client.get(record.path, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and changed["ETag"] != etag
        assert changed["Last-Modified"] == http_date(
            dt.datetime.combine(TODAY, dt.time(16), tzinfo=dt.UTC).timestamp()
        )
        assert client.get(record.path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


def test_an_item_gone_changes_last_modified_too(record, client):
    modified = client.get(record.path)["Last-Modified"]
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(17), tzinfo=dt.UTC)):
        record.goal.delete()
        record.changed()
        assert client.get(record.path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


def test_a_rotated_address_is_a_404_and_the_new_one_works(record, client):
    token = calendar_feed_rotate(owner=record.owner)
    assert client.get(record.path).status_code == 404
    assert client.get(f"/calendar/{token}.ics").status_code == 200


def test_a_feed_turned_off_is_a_404(record, client):
    calendar_feed_turn_off(owner=record.owner)
    assert client.get(record.path).status_code == 404


def test_a_deactivated_owners_feed_is_a_404_until_they_are_reactivated(record, client):
    user = record.owner.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(record.path).status_code == 404
    user.is_active = True
    user.save(update_fields=["is_active"])
    assert client.get(record.path).status_code == 200


@pytest.mark.parametrize("token", ["nope", "x" * 300, "%00", "%ED%A0%80"])
def test_an_unknown_address_is_a_404(record, client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_feed_is_read_only(record, client):
    assert client.post(record.path).status_code == 405
    assert client.head(record.path).status_code == 200


def test_another_owners_feed_shows_nothing_of_this_owner(record, client, outsider):
    from wayfinder.calendars.services import calendar_feed_turn_on

    token = calendar_feed_turn_on(owner=outsider)
    uids = set(_events(client.get(f"/calendar/{token}.ics")))
    assert [uid for uid in uids if not uid.startswith("review-due-")] == []


def test_the_feed_runs_a_bounded_number_of_queries(record, client, django_assert_max_num_queries):
    from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
    from wayfinder.direction.tests.factories import GoalFactory
    from wayfinder.experiments.tests.factories import ExperimentFactory
    from wayfinder.network.tests.factories import PersonFactory
    from wayfinder.plan.tests.factories import DevelopmentActionFactory

    # Built: the feed and the data version, then one query per kind's selector
    # (conversations with their agreed actions, twice; experiments twice; people with
    # their roles), the review's two reads, and the note of what was served.
    record.changed()
    with django_assert_max_num_queries(15):
        client.get(record.path)
    for n in range(10):
        DevelopmentConversationFactory(
            owner=record.owner,
            status=ConversationStatus.PLANNED,
            held_on=TODAY + dt.timedelta(days=n + 1),
            supervisor=PersonFactory(owner=record.owner, cadence_days=20),
        )
        DevelopmentActionFactory(owner=record.owner)
        GoalFactory(owner=record.owner)
        ExperimentFactory(owner=record.owner)
    record.changed()
    with django_assert_max_num_queries(15):
        response = client.get(record.path)
    assert len(_events(response)) > 50


def test_an_unchanged_feed_is_not_built_again(record, client, django_assert_max_num_queries):
    first = client.get(record.path)
    # The feed and the data version: the ETag noted when it was built, the body cached.
    with django_assert_max_num_queries(2):
        assert client.get(record.path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_assert_max_num_queries(2):
        again = client.get(record.path)
    assert again.content == first.content and again["ETag"] == first["ETag"]


def test_a_cached_feed_lost_is_built_again_the_same(record, client):
    from django.core.cache import cache

    first = client.get(record.path)
    cache.clear()
    again = client.get(record.path)
    assert again.content == first.content
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_write_through_the_web_changes_the_feed(record, client):
    uid = f"conversation-{record.conversation.pk}@{HOST}"
    etag = client.get(record.path)["ETag"]
    owner = Client()
    owner.force_login(record.owner.user)
    url = reverse("conversations:conversation-cancel", args=[record.conversation.pk])
    assert owner.post(url).status_code == 302
    response = client.get(record.path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert str(_events(response)[uid]["STATUS"]) == "CANCELLED"


def test_the_next_day_is_built_afresh(record, client):
    etag = client.get(record.path)["ETag"]
    record.person.cadence_days = 5
    record.person.save()  # written behind the web's back: only the day moves the key on
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(23, 30), tzinfo=dt.UTC)):
        # 23:30 UTC is 23:30 in London in November: still the same day.
        assert client.get(record.path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    tomorrow = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(9), tzinfo=dt.UTC)
    with time_machine.travel(tomorrow):
        assert client.get(record.path, HTTP_IF_NONE_MATCH=etag).status_code == 200
