"""The brag document import in a real browser: paste, preview, tick an offer, confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_display import RECORD_CSP, shot, signed_in_owner
from wayfinder.direction.models import Goal
from wayfinder.wins.models import Win

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "src/wayfinder/portability/tests/fixtures/brag-document.md"
)


def test_paste_preview_tick_a_goal_and_confirm(page: Page, live_server, tmp_path, outside_requests):
    page.add_init_script(RECORD_CSP)
    owner = signed_in_owner(page, live_server)
    page.goto(f"{live_server.url}/data/brag-doc/")
    page.get_by_label("Your brag document (Markdown)").fill(FIXTURE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview the wins").click()

    expect(page.get_by_role("heading", name="Check before anything is written")).to_be_visible()
    expect(page.get_by_role("heading", name="Passed over")).to_be_visible()
    goal = page.get_by_role("checkbox", name="Present the payments roadmap")
    expect(goal).not_to_be_checked()
    goal.focus()
    page.keyboard.press("Space")
    expect(goal).to_be_checked()
    shot(page, tmp_path, "brag-preview.png")
    page.get_by_role("button", name="Add 4 wins and the ticked goals and actions").click()

    expect(page.get_by_text("Imported 4 wins and 1 goal from your brag document.")).to_be_visible()
    assert Win.objects.for_owner(owner).count() == 4
    assert [g.title for g in Goal.objects.for_owner(owner)] == [
        "Present the payments roadmap to the leadership team"
    ]
    assert page.evaluate("window.__csp") == []
    assert outside_requests == []
