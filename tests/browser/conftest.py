"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Playwright's own browser download is never used: the tests point at /usr/bin/chromium.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("WAYFINDER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _needs_chromium(require_service):
    require_service(
        "chromium", CHROMIUM.exists(), f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    )


@pytest.fixture
def outside_requests(page, live_server):
    """Every request the page makes to an origin other than the app's own."""
    seen: list[str] = []

    def record(request) -> None:
        url = request.url
        if not (url.startswith(live_server.url) or url.startswith(("data:", "blob:", "about:"))):
            seen.append(url)

    page.on("request", record)
    return seen
