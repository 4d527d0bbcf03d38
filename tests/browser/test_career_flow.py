"""The whole career practice in a real browser, the way a new owner meets it.

One long test on purpose: each step builds on what the previous one left behind (the goal an
action serves, the mentor an interaction is with, the two plan revisions a comparison reads).
Every step uses the main navigation and role or label locators only, never a typed URL, so a
missing link or an unlabelled field breaks it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, Response, expect

from wayfinder.accounts.services import signin_link_create
from wayfinder.core.services import owner_create
from wayfinder.core.web import today_for

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a calm river at dawn"
MANAGER = "Sam Reyes"
GOAL = "Run the pricing function"
ACTION = "Lead the Q1 pricing review"
SECOND_ACTION = "Read Monetizing Innovation"
MENTOR = "Priya Natarajan"
WIN = "Cut churn in the SMB segment"
INTERACTION_NOTES = "How she built the pricing council at her last company"
AGREED = "Present the churn analysis to the leadership team"


def main_nav(page: Page, name: str) -> None:
    """Go to an area through the header's main navigation, as a person would."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def flash(page: Page, text: str) -> Locator:
    """The status message a page shows after a successful post."""
    return page.get_by_role("status").get_by_text(text)


def sign_in_with_link_and_set_password(page: Page, base_url: str, token: str) -> None:
    """Follow the one-time link the CLI prints, then set a password."""
    page.goto(f"{base_url}/signin/link/{token}/")
    page.get_by_role("button", name="Continue to Wayfinder").click()
    expect(page.get_by_role("heading", name="Set a password")).to_be_visible()
    # Not exact=True: a required field's label ends in a "*" that screen readers skip.
    page.get_by_label(re.compile(r"^New password\W*$")).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(flash(page, "Your password is saved.")).to_be_visible()


def complete_onboarding(page: Page) -> None:
    """The setup steps: where you stand, the roles before, the ambition, a goal per
    horizon."""
    expect(page.get_by_role("heading", name="Welcome to Wayfinder")).to_be_visible()
    page.get_by_label("Current title").fill("Head of Growth")
    page.get_by_label("Function").fill("Marketing")
    page.get_by_label("Your manager's name").fill(MANAGER)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="The roles before this one")).to_be_visible()
    page.get_by_label("Title").first.fill("Growth Manager")
    page.get_by_label("Organisation").first.fill("Corvid Labs")
    page.get_by_label("Start date").first.fill("2019-04-01")
    page.get_by_label("End date").first.fill("2023-06-30")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Where is your career going?")).to_be_visible()
    page.get_by_label("What problems do I want to solve?").fill("Why customers churn")
    page.get_by_label("What impact do I want to have?").fill("Pricing that customers trust")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="A goal for each horizon")).to_be_visible()
    page.get_by_label("In the next 3-6 months I want to…").fill("Ship the pricing test")
    page.get_by_label("In 1-2 years I want to…").fill("Own pricing strategy")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("You are set up.")).to_be_visible()


def add_goal(page: Page) -> None:
    """Direction → Goals → Set a goal."""
    main_nav(page, "Direction")
    page.get_by_role("navigation", name="Direction").get_by_role("link", name="Goals").click()
    page.get_by_role("link", name="Set a goal").click()
    page.get_by_label("Title").fill(GOAL)
    page.get_by_label("Horizon").select_option(label="Long term (3-5+ years)")
    page.get_by_label("Success measure").fill("A pricing team of four reports to me")
    page.get_by_role("button", name="Save goal").click()
    expect(flash(page, f"Goal “{GOAL}” is set.")).to_be_visible()


def add_action(page: Page, title: str, *, due_on: dt.date) -> None:
    """Plan → Add an action, tied to the goal just set."""
    main_nav(page, "Plan")
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Type").select_option(label="Stretch assignment")
    page.get_by_label("Goal it serves").select_option(label=GOAL)
    page.get_by_label("Skills").fill("pricing, facilitation")
    page.get_by_label("Due date").fill(due_on.isoformat())
    page.get_by_role("button", name="Add to plan").click()
    expect(flash(page, f"“{title}” is on your plan.")).to_be_visible()


def add_mentor(page: Page) -> None:
    """People → Add a person, then give them the mentor role on their page."""
    main_nav(page, "People")
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name").fill(MENTOR)
    page.get_by_label("Title", exact=True).fill("VP Pricing")
    page.get_by_label("Function").fill("Finance")
    page.get_by_label("Level relative to you").select_option("2")
    page.get_by_role("button", name="Save person").click()
    expect(flash(page, f"{MENTOR} is in your network.")).to_be_visible()

    roles = page.get_by_role("region", name="Roles")
    roles.get_by_label("Role").select_option(label="Mentor")
    roles.get_by_role("button", name="Add role").click()
    expect(roles.get_by_role("listitem")).to_have_text(re.compile(r"^\s*Mentor"))
    expect(roles.get_by_role("button", name="End the mentor role")).to_be_visible()


def log_win(page: Page) -> None:
    """Wins → Log a win, with the situation, the action and the result."""
    main_nav(page, "Wins")
    page.get_by_role("navigation", name="Wins").get_by_role("link", name="Log a win").click()
    page.get_by_label("What happened, in a line").fill(WIN)
    page.get_by_label("Situation").fill("SMB churn had doubled in two quarters.")
    page.get_by_label("What you did").fill("Interviewed twenty customers and reworked onboarding.")
    page.get_by_label("Result", exact=True).fill("Monthly churn fell from 4 % to 2.5 %.")
    page.get_by_label("Skills shown").fill("customer research")
    page.get_by_role("button", name="Save win").click()
    expect(flash(page, "Logged. Now: who should know about it?")).to_be_visible()
    expect(page.get_by_role("heading", name=WIN)).to_be_visible()


def log_interaction_with_mentor(page: Page) -> None:
    """People → the mentor's row in the grid → the inline log form on their page (the
    "Who could you approach?" panel below the grid may name them too)."""
    main_nav(page, "People")
    page.get_by_role("table").get_by_role("link", name=MENTOR).click()
    expect(page.get_by_role("heading", name=MENTOR, level=1)).to_be_visible()
    log = page.get_by_role("form", name=f"Log an interaction with {MENTOR}")
    log.get_by_label("Kind").select_option(label="Mentoring session")
    log.get_by_label("What you talked about").fill(INTERACTION_NOTES)
    log.get_by_role("button", name="Log it").click()
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_role("link", name="Mentoring session")).to_be_visible()
    expect(timeline.get_by_text(INTERACTION_NOTES)).to_be_visible()
    expect(log.get_by_label("What you talked about")).to_have_value("")


def revise_plan(page: Page, note: str, number: int) -> None:
    """Plan → Revise plan → take the snapshot."""
    main_nav(page, "Plan")
    page.get_by_role("link", name="Revise plan").click()
    page.get_by_label("What changed and why").fill(note)
    page.get_by_role("button", name="Take the snapshot").click()
    expect(page.get_by_role("heading", name=f"Revision {number}", exact=True)).to_be_visible()


def complete_action(page: Page, title: str) -> None:
    """On the plan page, mark an action done with its evidence (htmx swaps the row)."""
    main_nav(page, "Plan")
    row = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=title))
    row.get_by_text("Complete").click()
    row.get_by_label("What shows it was done?").fill("Review notes shared with the CRO")
    row.get_by_role("button", name="Mark done").click()
    expect(row.get_by_text("Done", exact=True)).to_be_visible()
    expect(row.get_by_text("Evidence: Review notes shared with the CRO")).to_be_visible()


def compare_revisions(page: Page) -> None:
    """Plan → Revisions → Compare: the added action and the finished one are marked."""
    main_nav(page, "Plan")
    subnav = page.get_by_role("navigation", name="Development plan")
    subnav.get_by_role("link", name="Revisions").click()
    compare = page.get_by_role("form", name="Compare two revisions")
    expect(compare.get_by_label("From revision")).to_have_value("1")
    expect(compare.get_by_label("To revision")).to_have_value("2")
    compare.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Revision 1 → revision 2")).to_be_visible()

    added = page.get_by_role("region", name="Added actions")
    expect(added.get_by_role("listitem")).to_have_count(1)
    expect(added.get_by_role("listitem")).to_contain_text(f"Added: {SECOND_ACTION}")

    changed = page.get_by_role("region", name="Changed actions")
    expect(changed.get_by_role("listitem")).to_have_count(1)
    expect(changed.get_by_role("listitem")).to_contain_text(f"Changed: {ACTION}")
    status = changed.get_by_role("row", name="Status")
    expect(status.locator("del")).to_have_text("Planned")
    expect(status.locator("ins")).to_have_text("Done")
    expect(page.get_by_role("region", name="Removed actions")).to_have_count(0)


def record_conversation_and_plan_the_agreed_action(page: Page, today: dt.date) -> None:
    """Conversations → record one with the manager → agree an action → Add to my plan."""
    main_nav(page, "Conversations")
    page.get_by_role("link", name="Record one that happened").click()
    # The manager named during onboarding is the supervisor by default.
    expect(page.get_by_label("Supervisor").locator("option:checked")).to_have_text(MANAGER)
    # Today is filled in, in the ISO form a date picker can show.
    expect(page.get_by_label("Date")).to_have_value(today.isoformat())
    page.get_by_label("Agenda").fill("The pricing review; where I want to be in two years")
    page.get_by_label("Notes", exact=True).fill("Sam backs a move into pricing strategy.")
    page.get_by_role("button", name="Record conversation").click()
    expect(flash(page, "Conversation recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"with {MANAGER}")).to_be_visible()

    agreed = page.get_by_role("region", name="Agreed actions")
    agreed.get_by_label("Agreed action").fill(AGREED)
    agreed.get_by_label("Who does it").select_option(label="Me")
    agreed.get_by_role("button", name="Add agreed action").click()
    row = agreed.get_by_role("listitem").filter(has=page.get_by_role("heading", name=AGREED))
    expect(row).to_be_visible()
    row.get_by_role("button", name="Add to my plan").click()
    # "In your plan: …", named exactly: the row's "Delete …" link holds the same words
    expect(row.get_by_role("link", name=AGREED, exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Add to my plan")).to_have_count(0)

    main_nav(page, "Plan")
    planned = page.get_by_role("region", name="Planned")
    expect(planned.get_by_role("heading", name=AGREED, level=3)).to_be_visible()


def find_win_through_search(page: Page) -> None:
    """Type the win's title into the header search box and open the hit."""
    header = page.get_by_role("banner")
    header.get_by_role("searchbox", name="Search").fill(WIN)
    header.get_by_role("searchbox", name="Search").press("Enter")
    expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
    hit = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=WIN))
    expect(hit).to_have_count(1)
    expect(hit.get_by_text("Win", exact=True)).to_be_visible()
    hit.get_by_role("link", name=WIN).click()
    expect(page.get_by_role("heading", name=WIN, level=1)).to_be_visible()


def test_a_new_owner_runs_the_whole_career_practice_in_the_browser(
    page, live_server, outside_requests, tmp_path
):
    failed: list[str] = []

    def record_error(response: Response) -> None:
        if response.url.startswith(live_server.url) and response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", record_error)
    page.set_default_timeout(10_000)
    owner = owner_create(username="dana", display_name="Dana")
    token = signin_link_create(user=owner.user, now=timezone.now())
    later = dt.date.today() + dt.timedelta(days=60)

    sign_in_with_link_and_set_password(page, live_server.url, token)
    complete_onboarding(page)
    add_goal(page)
    add_action(page, ACTION, due_on=later)
    add_mentor(page)
    log_win(page)
    log_interaction_with_mentor(page)
    revise_plan(page, "Set up the plan after onboarding", number=1)
    complete_action(page, ACTION)
    add_action(page, SECOND_ACTION, due_on=later)
    revise_plan(page, "Pricing review done; reading next", number=2)
    compare_revisions(page)
    page.screenshot(path=str(tmp_path / "revision-compare.png"), full_page=True)
    owner.refresh_from_db()  # onboarding may have set the time zone
    record_conversation_and_plan_the_agreed_action(page, today_for(owner))
    page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)
    find_win_through_search(page)
    page.screenshot(path=str(tmp_path / "win.png"), full_page=True)

    assert failed == []
    assert outside_requests == []
