"""What people see, in a real browser: the phone menu, the pickers, no CSP violation.

Screenshots go to the test's tmp_path; WAYFINDER_SCREENSHOTS=<dir> keeps them there too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from wayfinder.core.services import owner_create
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a calm river at dawn"
PHONE = {"width": 390, "height": 844}
# Playwright's init scripts run whatever the page's CSP says: this one only listens.
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = event.target && event.target.outerHTML ? event.target.outerHTML : "";
  window.__csp.push(
    `${event.violatedDirective} ${event.blockedURI || "inline"} ${event.sourceFile}:` +
      `${event.lineNumber} ${where.slice(0, 120)}`
  );
});
"""


def shot(page: Page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name), full_page=True)
    keep = os.environ.get("WAYFINDER_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / name), full_page=True)


def signed_in_owner(page: Page, live_server):
    owner = owner_create(username="dana", display_name="Dana", function="Marketing")
    owner.onboarded_at = timezone.now()
    owner.save()
    owner.user.set_password(PASSWORD)
    owner.user.save()
    page.goto(f"{live_server.url}/signin/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello, Dana")).to_be_visible()
    return owner


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_on_a_phone_the_menu_folds_and_opens_by_touch_and_by_keyboard(page, live_server, tmp_path):
    page.set_viewport_size(PHONE)
    signed_in_owner(page, live_server)
    main = page.get_by_role("navigation", name="Main")
    button = page.locator("label.menu-button")

    expect(main).to_be_hidden()
    expect(button).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    shot(page, tmp_path, "phone-menu-closed.png")

    button.click()
    expect(main).to_be_visible()
    expect(page.get_by_role("navigation", name="Account")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    shot(page, tmp_path, "phone-menu-open.png")
    button.click()
    expect(main).to_be_hidden()

    # Keyboard: Tab reaches the toggle, Space opens the menu, Tab goes on into it.
    page.locator("a.brand").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#site-menu-toggle")).to_be_focused()
    page.keyboard.press("Space")
    expect(main).to_be_visible()
    page.keyboard.press("Tab")
    expect(main.get_by_role("link").first).to_be_focused()

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(button).to_be_hidden()
    expect(main).to_be_visible()
    # On a wide screen the unused toggle is no Tab stop: the brand leads to the first link.
    page.locator("a.brand").focus()
    page.keyboard.press("Tab")
    expect(main.get_by_role("link").first).to_be_focused()


def test_collaborators_filter_and_htmx_swaps_break_no_content_security_policy(
    page, live_server, tmp_path
):
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(RECORD_CSP)
    owner = signed_in_owner(page, live_server)
    win = WinFactory(owner=owner, title="Cut churn in the SMB segment")
    for name in ("Ana Ortiz", "Ben Okafor", "Chloé Martin"):
        PersonFactory(owner=owner, name=name)

    page.goto(f"{live_server.url}{win.get_absolute_url()}")
    section = page.locator("#collaborators")
    box = section.get_by_role("searchbox", name="Filter the list")
    expect(box).to_be_visible()  # picker.js shows the filter
    box.fill("chloe")  # accents fold: "chloe" finds Chloé
    expect(section.get_by_label("Chloé Martin")).to_be_visible()
    expect(section.get_by_label("Ana Ortiz")).to_be_hidden()
    box.press("Enter")  # filters only: nothing is submitted
    expect(section.get_by_label("Ana Ortiz")).to_be_hidden()
    box.fill("zz")
    expect(section.get_by_text("No name matches.")).to_be_visible()
    box.fill("")
    section.get_by_label("Chloé Martin").check()
    section.get_by_label("Ben Okafor").check()
    shot(page, tmp_path, "collaborators-picker.png")
    section.get_by_role("button", name="Save collaborators").click()

    swapped = page.locator("#collaborators")
    expect(swapped.get_by_role("link", name="Chloé Martin")).to_be_visible()
    expect(swapped.get_by_role("link", name="Ben Okafor")).to_be_visible()
    # The block htmx swapped in has its own picker, enhanced again.
    expect(swapped.get_by_role("searchbox", name="Filter the list")).to_be_visible()
    expect(swapped.get_by_label("Ben Okafor")).to_be_checked()

    metrics = page.locator("#metrics")
    metrics.get_by_label("Value").fill("from $2.7M to $4.1M")
    metrics.get_by_role("button", name="Add metric").click()
    expect(page.locator("#metrics strong", has_text="from $2.7M to $4.1M")).to_be_visible()

    violations = page.evaluate("window.__csp")
    assert violations == [], violations
    assert [e for e in console_errors if "Content Security Policy" in e] == []


def _busy_network(owner) -> None:
    from wayfinder.network.models import Influence
    from wayfinder.wins.tests.factories import WinAudienceFactory

    functions = ["Marketing", "Customer Success Operations", "Sales", "Finance", "Legal", "IT"]
    for index in range(18):
        PersonFactory(
            owner=owner,
            name=f"Person {index} Longname-Doubleбарrel",
            function=functions[index % len(functions)],
            relative_level=index % 4 - 1,
        )
    win = WinFactory(owner=owner, title="Rebuilt the partner onboarding programme in 3 regions")
    for index in range(9):
        leader = PersonFactory(
            owner=owner,
            name=f"Maximiliana Oyelaran-Fitzgerald {index}",
            influence=Influence.HIGH,
            relative_level=2,
        )
        if index % 2:
            WinAudienceFactory(owner=owner, win=win, person=leader, told_on=win.occurred_on)


def test_the_charts_and_the_people_grid_fit_a_phone_and_scroll_in_their_cards(
    page, live_server, tmp_path
):
    from wayfinder.core.versions import data_version_bump

    owner = signed_in_owner(page, live_server)
    _busy_network(owner)
    data_version_bump(owner_id=owner.pk)

    page.goto(f"{live_server.url}/")
    expect(page.locator("#coverage-title")).to_be_attached()
    shot(page, tmp_path, "dashboard-desktop.png")
    # At desktop width every chart is drawn at its own size: no label shrinks below 11 px.
    scales = page.evaluate(
        "[...document.querySelectorAll('svg.chart')].map("
        "s => s.getBoundingClientRect().width / s.width.baseVal.value)"
    )
    assert len(scales) == 4 and all(abs(scale - 1) < 0.01 for scale in scales)

    page.set_viewport_size(PHONE)
    for path, name in (("/", "dashboard-phone.png"), ("/people/", "people-grid-phone.png")):
        page.goto(f"{live_server.url}{path}")
        assert page_width(page) <= PHONE["width"], path
        shot(page, tmp_path, name)
    # The pickers and the metric fields fit too.
    for path in ("/wins/new/", "/people/interactions/new/", "/advocacy/narratives/", "/wins/"):
        page.goto(f"{live_server.url}{path}")
        assert page_width(page) <= PHONE["width"], path
    page.goto(f"{live_server.url}/people/")
    # The grid scrolls inside its own box, not the page.
    scroller = page.locator(".people-grid-scroll")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
