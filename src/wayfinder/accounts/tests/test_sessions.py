"""Sessions: a viewer's idle timeout and lifetime, the list of sessions, signing out everywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import AccountSession
from wayfinder.accounts.services import (
    SESSION_TOUCH_EVERY,
    VIEWER_ABSOLUTE_LIFETIME,
    VIEWER_IDLE_TIMEOUT,
)
from wayfinder.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SESSIONS = reverse("accounts:sessions")


@pytest.fixture
def viewer(db):
    """An account with no career record of its own: it only reads what others share."""
    return UserFactory(username="rob")


def _signed_in(user) -> Client:
    client = Client(HTTP_USER_AGENT="Firefox on a laptop")
    client.force_login(user)
    return client


def _signed_in_still(client: Client) -> bool:
    response = client.get(SESSIONS)
    return response.status_code == 200


def test_the_docs_give_the_values_the_code_uses():
    docs = (Path(__file__).parents[4] / "docs" / "sharing.md").read_text()
    hours = int(VIEWER_IDLE_TIMEOUT.total_seconds() // 3600)
    row = f"| {hours} hours | {VIEWER_ABSOLUTE_LIFETIME.days} days |"
    assert row in docs


def test_a_viewer_idle_for_twelve_hours_is_signed_out_at_the_next_request(viewer):
    client = _signed_in(viewer)
    start = timezone.now()
    with time_machine.travel(start + VIEWER_IDLE_TIMEOUT - dt.timedelta(minutes=1)):
        assert _signed_in_still(client)
    # The request above was use: the idle clock starts again from it.
    with time_machine.travel(start + 2 * VIEWER_IDLE_TIMEOUT - dt.timedelta(minutes=2)):
        assert _signed_in_still(client)
    with time_machine.travel(start + 3 * VIEWER_IDLE_TIMEOUT):
        response = client.get(SESSIONS)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:signin"))
        assert "_auth_user_id" not in client.session
        assert not AccountSession.objects.filter(user=viewer).exists()


def test_a_viewer_in_daily_use_is_still_signed_out_after_thirty_days(viewer):
    client = _signed_in(viewer)
    start = timezone.now()
    day = dt.timedelta(hours=8)
    elapsed = day
    while elapsed < VIEWER_ABSOLUTE_LIFETIME:
        with time_machine.travel(start + elapsed):
            assert _signed_in_still(client)
        elapsed += day
    with time_machine.travel(start + VIEWER_ABSOLUTE_LIFETIME + dt.timedelta(minutes=1)):
        assert client.get(SESSIONS).status_code == 302


def test_an_owner_session_has_no_twelve_hour_idle_timeout(owner):
    client = _signed_in(owner.user)
    with time_machine.travel(timezone.now() + VIEWER_IDLE_TIMEOUT + dt.timedelta(hours=1)):
        assert client.get("/profile/").status_code == 200


def test_last_seen_is_written_every_few_minutes_not_every_request(viewer):
    client = _signed_in(viewer)
    record = AccountSession.objects.get(user=viewer)
    client.get(SESSIONS)
    assert AccountSession.objects.get(pk=record.pk).last_seen_at == record.last_seen_at
    later = timezone.now() + SESSION_TOUCH_EVERY + dt.timedelta(seconds=1)
    with time_machine.travel(later):
        client.get(SESSIONS)
    touched = AccountSession.objects.get(pk=record.pk)
    assert touched.last_seen_at > record.last_seen_at
    assert touched.expires_at > record.expires_at


def test_the_sessions_page_lists_this_browser_and_the_others(owner):
    laptop = _signed_in(owner.user)
    _signed_in(owner.user)
    page = laptop.get(SESSIONS).content.decode()
    assert page.count("This browser") == 1
    # force_login's request carries no User-Agent: the other one is named generically.
    assert page.count("Another browser") == 1
    assert "Sign out everywhere" in page


def test_the_profile_page_links_to_the_sessions(owner):
    client = _signed_in(owner.user)
    assert SESSIONS in client.get("/profile/").content.decode()


def test_signing_out_everywhere_ends_every_session_of_the_account_only(owner, outsider):
    laptop = _signed_in(owner.user)
    phone = _signed_in(owner.user)
    someone_else = _signed_in(outsider.user)
    response = laptop.post(reverse("accounts:sign-out-everywhere"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signin")
    assert laptop.get("/profile/").status_code == 302
    assert phone.get("/profile/").status_code == 302
    assert someone_else.get("/profile/").status_code == 200
    assert not AccountSession.objects.filter(user=owner.user).exists()
    assert AccountSession.objects.filter(user=outsider.user).count() == 1


def test_signing_out_everywhere_needs_a_post(owner):
    client = _signed_in(owner.user)
    assert client.get(reverse("accounts:sign-out-everywhere")).status_code == 405
    assert _signed_in_still(client)


def test_signing_out_forgets_the_session_and_ended_ones_are_pruned_at_sign_in(viewer):
    client = _signed_in(viewer)
    client.post(reverse("accounts:signout"))
    assert not AccountSession.objects.filter(user=viewer).exists()
    _signed_in(viewer)
    with time_machine.travel(timezone.now() + VIEWER_ABSOLUTE_LIFETIME + dt.timedelta(days=1)):
        _signed_in(viewer)
        assert AccountSession.objects.filter(user=viewer).count() == 1


def test_an_anonymous_visitor_sees_no_sessions(client):
    response = client.get(SESSIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:signin"))


def test_changing_the_password_ends_and_unlists_the_other_sessions(owner):
    laptop = _signed_in(owner.user)
    phone = _signed_in(owner.user)
    form = {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"}
    assert laptop.post(reverse("accounts:password"), form).status_code == 302
    assert phone.get("/profile/").status_code == 302
    assert laptop.get("/profile/").status_code == 200
    assert AccountSession.objects.filter(user=owner.user).count() == 1
