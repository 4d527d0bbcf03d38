"""Screenshots of the real app, from the demo persona, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--keep-data]

It fills a temporary data directory with `wayfinder demo`, starts the production server
(`wayfinder serve`, gunicorn) on a free local port, signs in through the one-time link the
server prints, sets a password (so the dashboard shows the persona, not the reminder), and
photographs the main pages at 1280 px wide (and, through the New share form, a share with the
persona's supervisor: its preview, the supervisor's view in a browser of their own, the
Sharing page and the access log) and a few at 390 px with Debian's
/usr/bin/chromium driven by Playwright (no browser is downloaded). Long pages are cut at
1800 px (1600 px on the phone) to keep the folder small. The server is stopped at the
end, whatever happens.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WAYFINDER = ROOT / ".venv" / "bin" / "wayfinder"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
MAX_HEIGHT = 1800
MOBILE_MAX_HEIGHT = 1600
PASSWORD = "a calm river at dawn"
LINK = re.compile(r"one-time link: (\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wayfinder(data_dir: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "WAYFINDER_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # the demo goes into the temporary SQLite file
    return subprocess.run(
        [str(WAYFINDER), "--data-dir", str(data_dir), *args],
        env=env,
        check=True,
        **kwargs,
    )


@contextmanager
def server(data_dir: Path) -> Iterator[tuple[str, str]]:
    """Serve the data directory; yield (base URL, one-time sign-in link); always stop."""
    port = free_port()
    log_path = data_dir / "serve.log"
    # Served at an address a viewer's browser reaches, so the Sharing page can invite one.
    env = {
        **os.environ,
        "WAYFINDER_DATA_DIR": str(data_dir),
        "WAYFINDER_BASE_URL": f"http://127.0.0.1:{port}",
    }
    env.pop("DATABASE_URL", None)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(WAYFINDER), "--data-dir", str(data_dir), "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # gunicorn's workers go with it
        )
    try:
        base = f"http://127.0.0.1:{port}"
        link = _wait_for_link(process, log_path, base)
        yield base, link
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for_link(process: subprocess.Popen, log_path: Path, base: str) -> str:
    deadline = time.monotonic() + 30
    link = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"wayfinder serve stopped:\n{log_path.read_text()}")
        if link is None:
            found = LINK.search(log_path.read_text())
            link = found.group(1) if found else None
        if link:
            try:
                with socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), 1):
                    return link
            except OSError:
                pass
        time.sleep(0.2)
    sys.exit(f"wayfinder serve did not come up in 30 s:\n{log_path.read_text()}")


def sign_in(page: Page, link: str) -> None:
    page.goto(link)
    page.get_by_role("button", name="Continue to Wayfinder").click()
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Save password").click()
    page.get_by_role("heading", name="Hello").first.wait_for()


def link_to(page: Page, base: str, list_path: str, pattern: str, text: str | None = None) -> str:
    """The first link on a list page whose path matches `pattern` (and shows `text`)."""
    page.goto(base + list_path)
    rows = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => [a.getAttribute('href'), a.textContent])"
    )
    for href, label in rows:
        if re.fullmatch(pattern, href.split("?")[0]) and (text is None or text in label):
            return href
    sys.exit(f"no link matching {pattern} {text or ''} on {list_path}")


def shoot(
    page: Page, url: str, path: Path, max_height: int, *, reload: bool = True, top: float = 0
) -> None:
    """Photograph `url` (or, with reload=False, the page as it is: the answer to a POST),
    from `top` down."""
    if reload:
        page.goto(url)
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=str(path),
        type="png",
        full_page=True,
        clip={"x": 0, "y": top, "width": width, "height": min(height - top, max_height)},
        animations="disabled",
        caret="hide",
    )
    print(f"  {path.name:32} {path.stat().st_size // 1024:5} KB  {url}")


SUPERVISOR = "Marcus Webb"


def share_pages(browser, page: Page, base: str, out: Path) -> None:
    """Share with the supervisor through the New share form (the page calls the service),
    photograph the preview, open the invitation as the supervisor in a browser of their
    own, then photograph a viewer's page, the Sharing page and the share's access log."""
    page.goto(base + "/sharing/new/?template=supervisor")
    page.get_by_label("Who").select_option(label=SUPERVISOR)
    page.get_by_label("They may comment on your items").check()
    page.get_by_role("button", name="Preview what they will see").click()
    page.get_by_role("heading", name=f"Preview: what {SUPERVISOR} will see").wait_for()
    # From the preview down: the form above it is the same as on any form page.
    top = page.locator("#preview-heading").bounding_box()["y"] + page.evaluate("scrollY") - 24
    shoot(page, page.url, out / "share-preview.png", MAX_HEIGHT, reload=False, top=top)
    page.get_by_role("button", name=f"Share and invite {SUPERVISOR}").click()
    invitation = page.locator("#invitation-link").input_value()

    viewer = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    try:
        reader = viewer.new_page()
        reader.goto(invitation)
        reader.get_by_role("button", name="Open what was shared").click()
        reader.wait_for_load_state("networkidle")
        shared = reader.url  # the share's overview, /sharing/shared/<id>/
        shoot(reader, shared + "plan/", out / "viewer-plan.png", MAX_HEIGHT)
        reader.goto(shared + "wins/")  # a second page in the access log
    finally:
        viewer.close()

    shoot(page, base + "/sharing/", out / "sharing.png", MAX_HEIGHT)
    share = link_to(page, base, "/sharing/", r"/sharing/\d+/", SUPERVISOR)
    shoot(page, base + share, out / "share-access-log.png", MAX_HEIGHT)


def take_all(base: str, link: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
            page = context.new_page()
            sign_in(page, link)

            person = link_to(page, base, "/people/", r"/people/\d+/", "Grace Lindqvist")
            win = link_to(page, base, "/wins/", r"/wins/\d+/", "positioning workshop")
            conversation = link_to(page, base, "/conversations/", r"/conversations/\d+/")
            review = link_to(page, base, "/reflection/", r"/reflection/reviews/\d+/")
            goal = link_to(page, base, "/direction/goals/", r"/direction/goals/\d+/")
            pages = [
                ("dashboard", "/"),
                ("ambition", "/direction/ambition/"),
                ("ambition-compare", "/direction/ambition/compare/?from=1&to=3"),
                ("paths", "/direction/paths/"),
                ("goals", "/direction/goals/"),
                ("goal", goal),
                ("plan", "/plan/"),
                ("plan-compare", "/plan/revisions/compare/?from=1&to=3"),
                ("opportunities", "/plan/opportunities/"),
                ("experiments", "/experiments/"),
                ("people", "/people/"),
                ("person", person),
                ("wins", "/wins/"),
                ("win", win),
                ("conversation", conversation),
                ("review", review),
                ("journal", "/reflection/journal/"),
                ("private", "/reflection/private/"),
                ("search", "/search/?q=pricing"),
                ("readiness", "/advocacy/"),
                ("narratives", "/advocacy/narratives/"),
                ("your-data", "/data/"),
                ("profile", "/profile/"),
                ("brag-import", "/data/brag-doc/"),
                ("api-tokens", "/settings/tokens/"),
                ("api-docs", "/api/v1/docs"),
                ("calendar-settings", "/settings/calendar/"),
                ("mentoring", "/mentoring/"),
            ]
            for name, path in pages:
                shoot(page, base + path, out / f"{name}.png", MAX_HEIGHT)

            share_pages(browser, page, base, out)

            mobile = browser.new_context(
                viewport=MOBILE,
                device_scale_factor=1,
                is_mobile=True,
                has_touch=True,
                locale="en-GB",
            )
            mobile.add_cookies(context.cookies())
            phone = mobile.new_page()
            for name, path in [("dashboard", "/"), ("person", person), ("plan", "/plan/")]:
                shoot(phone, base + path, out / f"mobile-{name}.png", MOBILE_MAX_HEIGHT)
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep-data", action="store_true", help="keep the temporary data dir")
    args = parser.parse_args()
    if not WAYFINDER.exists():
        sys.exit(f"{WAYFINDER} is missing: run `make install` first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: `apt-get install chromium`")
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="wayfinder-screenshots-"))
    try:
        wayfinder(data_dir, "demo", stdout=subprocess.DEVNULL)
        with server(data_dir) as (base, link):
            print(f"Screenshots of {base} into {args.out}:")
            take_all(base, link, args.out)
    finally:
        if args.keep_data:
            print(f"data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    total = sum(png.stat().st_size for png in args.out.glob("*.png"))
    print(f"{len(list(args.out.glob('*.png')))} PNGs, {total / 1024 / 1024:.1f} MB in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
