"""A shared instance in the browser: the administrator invites, the owner signs up from the
link, the administrator sees the owner (counts only) and deactivates them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a calm river at dawn"


def _sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/signin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_invite_sign_up_and_deactivate(page, live_server, settings, outside_requests, tmp_path):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""  # no mail: the link is shown to pass on
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    root.set_password(PASSWORD)
    root.save()

    _sign_in(page, live_server, "root", PASSWORD)
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Owners").click()
    expect(page.get_by_role("heading", name="Owners on this instance")).to_be_visible()
    expect(page.get_by_text("No owner yet.")).to_be_visible()
    page.get_by_role("navigation", name="Instance").get_by_role("link", name="Invitations").click()
    page.get_by_label("Email address").fill("priya@example.com")
    page.get_by_label("Name").fill("Priya Shah")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("No email was sent")).to_be_visible()
    link = page.get_by_label("Sign-up link").input_value()
    page.screenshot(path=str(tmp_path / "invitations.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()

    page.goto(link)
    expect(page.get_by_text("You are signing up as priya@example.com")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("priya")
    page.get_by_label("Time zone").fill("Europe/London")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("something else entirely")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("The two passwords differ.")).to_be_visible()
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Welcome to Wayfinder")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, live_server, "root", PASSWORD)
    page.goto(f"{live_server.url}/instance/owners/")
    row = page.get_by_role("row", name="priya")
    expect(row.get_by_text("Active")).to_be_visible()
    row.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_text("priya is deactivated")).to_be_visible()
    page.screenshot(path=str(tmp_path / "owners.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, live_server, "priya", PASSWORD)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert outside_requests == []
