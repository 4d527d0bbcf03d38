import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wayfinder.accounts.services import signin_link_create
from wayfinder.core.services import owner_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_owner_signs_in_with_the_link_sets_a_password_and_edits_the_profile(
    page, live_server, outside_requests, tmp_path
):
    owner = owner_create(username="dana", display_name="Dana")
    token = signin_link_create(user=owner.user, now=timezone.now())

    page.goto(f"{live_server.url}/signin/link/{token}/")
    page.get_by_role("button", name="Continue to Wayfinder").click()
    expect(page.get_by_role("heading", name="Set a password")).to_be_visible()
    page.locator("#id_new_password1").fill("a calm river at dawn")
    page.locator("#id_new_password2").fill("a calm river at dawn")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_text("Your password is saved.")).to_be_visible()

    # First run: the guided setup.
    expect(page.get_by_role("heading", name="Welcome to Wayfinder")).to_be_visible()
    page.get_by_label("Current title").fill("Head of Growth")
    page.get_by_label("Function").fill("Marketing")
    page.get_by_label("Your manager's name").fill("Sam Reyes")
    page.get_by_role("button", name="Continue").click()
    # The roles before this one are optional: rows left empty are skipped.
    expect(page.get_by_role("heading", name="The roles before this one")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What problems do I want to solve?").fill("Why customers churn")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("In the next 3-6 months I want to…").fill("Ship the pricing test")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("You are set up.")).to_be_visible()

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Profile").click()
    page.get_by_label("Current title").fill("Director of Marketing")
    page.get_by_label("Time zone").fill("Europe/Londn")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("is not a time zone name")).to_be_visible()
    expect(page.get_by_label("Current title")).to_have_value("Director of Marketing")
    page.get_by_label("Time zone").fill("Europe/London")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    page.screenshot(path=str(tmp_path / "profile.png"), full_page=True)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("a calm river at dawn")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello, Dana")).to_be_visible()
    assert outside_requests == []


def test_keyboard_only_sign_in(page, live_server):
    owner = owner_create(username="kai")
    owner.onboarded_at = timezone.now()
    owner.save()
    owner.user.set_password("a calm river at dawn")
    owner.user.save()
    page.goto(f"{live_server.url}/signin/")
    expect(page.get_by_label("Username")).to_be_focused()  # autofocus
    page.keyboard.type("kai")
    page.keyboard.press("Tab")
    page.keyboard.type("a calm river at dawn")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Hello")).to_be_visible()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")  # the skip link is the first stop on every page
    expect(page.locator(".skip-link")).to_be_focused()
