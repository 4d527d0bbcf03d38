"""`wayfinder calendar url|rotate|off|export`: the same services as the Calendar feed page."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import feed_for_token
from wayfinder.cli import main

pytestmark = pytest.mark.django_db

BASE = "https://wayfinder.example.com"


def _token(line: str) -> str:
    return line.rsplit("/", 1)[1].removesuffix(".ics")


def test_url_turns_the_feed_on_and_prints_its_address_last(owner, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    assert main(["calendar", "url"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"{BASE}/calendar/") and last.endswith(".ics")
    assert feed_for_token(token=_token(last)).owner == owner
    assert Client().get(last.removeprefix(BASE)).status_code == 200


def test_url_of_a_feed_already_on_says_it_cannot_show_it_again(owner, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    main(["calendar", "url"])
    first = _token(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["calendar", "url"]) == 1
    error = capsys.readouterr().err
    assert "already on" in error and "rotate" in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1
    assert feed_for_token(token=first) is not None  # still the same address


def test_rotate_replaces_the_address(owner, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    main(["calendar", "url"])
    old = _token(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["calendar", "rotate"]) == 0
    new = _token(capsys.readouterr().out.strip().splitlines()[-1])
    assert new != old
    assert feed_for_token(token=old) is None and feed_for_token(token=new) is not None


def test_off_turns_the_feed_off(owner, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    main(["calendar", "url"])
    token = _token(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["calendar", "off"]) == 0
    assert "off" in capsys.readouterr().out
    assert feed_for_token(token=token) is None


@pytest.mark.parametrize("action", ["url", "rotate"])
def test_without_a_base_url_it_says_so_in_one_line_and_changes_nothing(
    owner, settings, capsys, action
):
    settings.WAYFINDER_BASE_URL = ""
    assert main(["calendar", action]) == 1
    error = capsys.readouterr().err
    assert "WAYFINDER_BASE_URL" in error and "calendar export" in error
    assert len(error.strip().splitlines()) == 1
    assert not CalendarFeed.objects.exists()


def test_export_writes_the_same_feed_to_a_file_without_turning_it_on(
    owner, settings, tmp_path, capsys
):
    from wayfinder.conversations.tests.factories import DevelopmentConversationFactory

    DevelopmentConversationFactory(owner=owner, status="planned")
    target = tmp_path / "wayfinder.ics"
    assert main(["calendar", "export", "-o", str(target)]) == 0
    assert "Wrote your calendar" in capsys.readouterr().err
    written = Calendar.from_ical(target.read_bytes())
    assert [str(e["SUMMARY"]) for e in written.walk("VEVENT")] == [
        "Development conversation",
        "Quarterly review",
    ]
    assert not CalendarFeed.objects.exists()
    # The same bytes as the feed serves.
    settings.WAYFINDER_BASE_URL = BASE
    main(["calendar", "url"])
    token = _token(capsys.readouterr().out.strip().splitlines()[-1])
    main(["calendar", "export", "-o", str(target)])
    assert Client().get(f"/calendar/{token}.ics").content == target.read_bytes()


def test_export_to_a_missing_folder_says_so(owner, tmp_path, capsys):
    assert main(["calendar", "export", "-o", str(tmp_path / "nope" / "x.ics")]) == 1
    error = capsys.readouterr().err
    assert "no such folder" in error and "Traceback" not in error


def test_another_owner_is_named_with_owner(owner, outsider, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    assert main(["calendar", "url", "--owner", outsider.user.username]) == 0
    token = _token(capsys.readouterr().out.strip().splitlines()[-1])
    assert feed_for_token(token=token).owner == outsider
    assert not CalendarFeed.objects.for_owner(owner).exists()
