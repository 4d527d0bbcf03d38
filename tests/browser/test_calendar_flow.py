"""The calendar feed in a browser (issue 11 §7-9): Dana turns the feed on from the guidance
settings, copies the address shown once, and the address serves her calendar; a planned
conversation offers its .ics. No request leaves the origin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import TODAY, ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_turn_on_copy_and_subscribe(browser, live_server, outside_requests, tmp_path):
    owner = ProfileFactory(user__username="dana", display_name="Dana Okafor")
    planned = DevelopmentConversationFactory(
        owner=owner,
        held_on=TODAY + dt.timedelta(days=7),
        status=ConversationStatus.PLANNED,
        agenda="Progress; asks",
    )
    client = Client()
    client.force_login(owner.user)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/settings/guidance/")
    page.get_by_role("link", name="the calendar feed").click()
    expect(page.get_by_role("heading", name="The feed is off")).to_be_visible()
    page.get_by_role("button", name="Turn the feed on").click()
    address = page.get_by_role("textbox", name="Feed address").input_value()
    assert address.startswith(f"{live_server.url}/calendar/")
    copy = page.locator('button[data-copy="feed-address"]')
    expect(copy).to_have_text("Copy the address")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == address
    page.screenshot(path=str(tmp_path / "calendar-settings.png"), full_page=True)
    # A calendar app, with no session, subscribes to the address.
    feed = Client().get(address.removeprefix(live_server.url))
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert "Development conversation" in [str(event["SUMMARY"]) for event in events]
    # The address is not shown again.
    page.goto(f"{live_server.url}/settings/calendar/")
    expect(page.get_by_role("heading", name="The feed is on")).to_be_visible()
    assert page.get_by_role("textbox", name="Feed address").count() == 0
    # The planned conversation's page offers it to the calendar.
    page.goto(f"{live_server.url}/conversations/{planned.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    assert download.value.suggested_filename == f"conversation-{planned.held_on}.ics"
    assert outside_requests == []
