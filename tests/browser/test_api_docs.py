"""The API's interactive docs, in a real browser: served by the app itself, nothing from
another origin, no CSP violation, every section's operations listed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""


def test_the_docs_page_renders_the_schema_locally(page: Page, live_server, outside_requests):
    page.add_init_script(RECORD_CSP)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".opblock-tag", has_text="wins").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("/api/v1/wins/{win_id}").first).to_be_attached()
    assert outside_requests == []
    violations = page.evaluate("window.__csp")
    assert violations == []
