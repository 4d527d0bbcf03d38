"""The Calendar feed settings page and a planned conversation's "Add to calendar" download."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import feed_for_token
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import TODAY

pytestmark = pytest.mark.django_db

SETTINGS = "/settings/calendar/"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def _address(html: str) -> str:
    return re.search(r'id="feed-address" class="copy-field" value="([^"]+)"', html).group(1)


def test_the_guidance_settings_page_links_to_the_calendar_feed(signed_in):
    page = signed_in.get(reverse("guidance:settings")).content.decode()
    assert f'href="{SETTINGS}"' in page


def test_a_feed_never_turned_on_says_how(signed_in):
    page = signed_in.get(SETTINGS).content.decode()
    assert "The feed is off" in page and 'value="turn_on"' in page
    assert "docs/calendar.md" in page
    assert not CalendarFeed.objects.exists()  # reading the page creates nothing


def test_turning_on_shows_the_address_once_with_copy(signed_in, owner, settings):
    settings.WAYFINDER_BASE_URL = "https://wayfinder.example.com"
    response = signed_in.post(SETTINGS, {"action": "turn_on"})
    assert response.status_code == 200
    html = response.content.decode()
    address = _address(html)
    assert address.startswith("https://wayfinder.example.com/calendar/")
    assert 'data-copy="feed-address"' in html
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed_for_token(token=token).owner == owner
    # Never again: the next visit shows that it is on, not where.
    again = signed_in.get(SETTINGS).content.decode()
    assert "The feed is on" in again and token not in again


def test_without_a_base_url_the_address_is_the_one_this_page_was_opened_at(signed_in):
    html = signed_in.post(SETTINGS, {"action": "turn_on"}).content.decode()
    assert _address(html).startswith("http://testserver/calendar/")
    assert "WAYFINDER_BASE_URL" in html


def test_rotating_shows_a_new_address_and_the_old_one_stops(signed_in, client):
    first = _address(signed_in.post(SETTINGS, {"action": "turn_on"}).content.decode())
    html = signed_in.post(SETTINGS, {"action": "rotate"}).content.decode()
    second = _address(html)
    assert second != first and "The old address shows nothing" in html
    assert client.get(first.removeprefix("http://testserver")).status_code == 404
    assert client.get(second.removeprefix("http://testserver")).status_code == 200


def test_turning_on_twice_says_why_and_keeps_the_address(signed_in):
    first = _address(signed_in.post(SETTINGS, {"action": "turn_on"}).content.decode())
    response = signed_in.post(SETTINGS, {"action": "turn_on"}, follow=True)
    assert "already on" in response.content.decode()
    assert signed_in.get(first.removeprefix("http://testserver")).status_code == 200


def test_turning_off(signed_in):
    first = _address(signed_in.post(SETTINGS, {"action": "turn_on"}).content.decode())
    response = signed_in.post(SETTINGS, {"action": "turn_off"}, follow=True)
    assert "is off" in response.content.decode()
    assert signed_in.get(first.removeprefix("http://testserver")).status_code == 404


def test_choosing_the_kinds(signed_in, owner):
    response = signed_in.post(
        SETTINGS,
        {
            "action": "save",
            "include_goals": "on",
            "include_review": "on",
            "conversation_time": "08:30",
            "conversation_minutes": "45",
        },
    )
    assert response.status_code == 302
    feed = CalendarFeed.objects.for_owner(owner).get()
    assert feed.kinds == ["goals", "review"]
    assert feed.conversation_time == dt.time(8, 30) and feed.conversation_minutes == 45
    page = signed_in.get(SETTINGS).content.decode()
    assert 'name="include_goals" id="id_include_goals" checked' in page


@pytest.mark.parametrize(
    ("time", "minutes", "message"),
    [("25:00", "60", "Enter a valid time"), ("10:00", "1000", "from 5 to 480")],
)
def test_bad_settings_are_refused_and_change_nothing(signed_in, time, minutes, message):
    response = signed_in.post(
        SETTINGS, {"action": "save", "conversation_time": time, "conversation_minutes": minutes}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarFeed.objects.exists()


@pytest.fixture
def planned(owner):
    return DevelopmentConversationFactory(
        owner=owner,
        held_on=TODAY + dt.timedelta(days=7),
        status=ConversationStatus.PLANNED,
        agenda="Progress, wins; asks\nand what is next",
        private_notes="PRIVATE: thinking of leaving",
    )


def test_a_planned_conversations_page_offers_it_to_the_calendar(signed_in, planned):
    page = signed_in.get(reverse("conversations:conversation", args=[planned.pk])).content
    url = reverse("calendars:conversation-download", args=[planned.pk])
    assert url.encode() in page


def test_the_download_is_one_event_with_the_agenda_as_its_description(signed_in, planned):
    response = signed_in.get(reverse("calendars:conversation-download", args=[planned.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="conversation-{planned.held_on.isoformat()}.ics"'
    )
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == planned.agenda
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")
    parsed = vobject.readOne(response.content.decode()).vevent
    assert parsed.description.value == planned.agenda
    assert b"PRIVATE" not in response.content


def test_without_an_agenda_the_download_carries_the_drafted_one(signed_in, planned):
    planned.agenda = ""
    planned.save()
    response = signed_in.get(reverse("calendars:conversation-download", args=[planned.pk]))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "### Progress on my plan" in str(event["DESCRIPTION"])


def test_a_held_conversation_is_not_offered(signed_in, planned):
    planned.status = ConversationStatus.HELD
    planned.save()
    url = reverse("calendars:conversation-download", args=[planned.pk])
    assert signed_in.get(url).status_code == 404
    page = signed_in.get(reverse("conversations:conversation", args=[planned.pk])).content
    assert url.encode() not in page


def test_another_owners_conversation_is_a_404(client, outsider, planned):
    client.force_login(outsider.user)
    url = reverse("calendars:conversation-download", args=[planned.pk])
    assert client.get(url).status_code == 404


def test_the_settings_page_runs_a_bounded_number_of_queries(
    signed_in, django_assert_max_num_queries
):
    signed_in.post(SETTINGS, {"action": "turn_on"})
    with django_assert_max_num_queries(8):
        assert signed_in.get(SETTINGS).status_code == 200
