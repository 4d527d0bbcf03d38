"""Exports: Markdown as written, a standalone printable page with escaped HTML, PDF."""

from __future__ import annotations

import builtins
import datetime as dt
import re
import socket
import sys
import threading
from html import unescape

import pytest

from wayfinder.advocacy.exports import (
    PdfUnavailable,
    export_filename,
    export_html,
    export_markdown,
    export_pdf,
    markdown_html,
    pdf_available,
)
from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative_services import narrative_create, narrative_version_save

BODY = (
    "# Case\n\n- **Shipped** <script>alert(1)</script>\n\n"
    "<img src=x onerror=alert(2)>\n\n[bad](javascript:alert(3)) [good](https://example.org)\n"
)


@pytest.fixture
def version(owner, today):
    narrative = narrative_create(
        owner=owner,
        audience=Audience.SPONSOR,
        period_start=dt.date(2026, 1, 1),
        period_end=today,
        today=today,
        title="For Ada: the case",
    )
    return narrative_version_save(owner=owner, narrative=narrative, body=BODY)


def test_markdown_export_is_the_text_as_written(version):
    assert export_markdown(version) == BODY
    assert export_filename(version, "md") == "for-ada-the-case-v2.md"


def test_raw_html_in_the_owners_text_is_escaped_and_unsafe_links_dropped():
    html = markdown_html(BODY)

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript:' not in html
    assert '<a href="https://example.org">good</a>' in html
    assert "<strong>Shipped</strong>" in html


def test_html_export_is_standalone_with_a_print_stylesheet(version):
    page = export_html(version)

    assert page.startswith("<!doctype html>")
    assert "<title>For Ada: the case</title>" in page
    assert "@media print" in page and "@page" in page
    assert "<h1>Case</h1>" in page
    for external in ("<link", "<script", 'src="http', "@import", "url("):
        assert external not in page


def test_pdf_export(version, require_service):
    require_service(
        "weasyprint",
        pdf_available(),
        "WeasyPrint (wayfinder[pdf]) is not installed",
    )
    pdf = export_pdf(version)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000


def test_pdf_without_weasyprint_is_a_clear_error(version, monkeypatch):
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name.startswith("weasyprint"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    # As on a machine without WeasyPrint, where the PDF module never loaded.
    monkeypatch.delitem(sys.modules, "wayfinder.advocacy.pdf", raising=False)
    with pytest.raises(PdfUnavailable, match=r"wayfinder\[pdf\]"):
        export_pdf(version)


# Nothing is fetched from outside (issue 8 §2.4) -------------------------------------------


@pytest.fixture
def pixel_server():
    """A local server that records every connection made to it and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    hits: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            hits.append("connection")
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", hits
    stop.set()
    thread.join()
    listener.close()


@pytest.fixture
def weasyprint_present(require_service):
    require_service("weasyprint", pdf_available(), "WeasyPrint (wayfinder[pdf]) is not installed")


def _version_with(owner, today, body):
    narrative = narrative_create(
        owner=owner,
        audience=Audience.SPONSOR,
        period_start=dt.date(2026, 1, 1),
        period_end=today,
        today=today,
        title="Pixels",
    )
    return narrative_version_save(owner=owner, narrative=narrative, body=body)


def test_pdf_export_makes_no_request_for_a_remote_image(
    owner, today, pixel_server, weasyprint_present
):
    address, hits = pixel_server
    version = _version_with(owner, today, f"# Case\n\n![x]({address}/pixel.png)\n")

    pdf = export_pdf(version)

    assert pdf.startswith(b"%PDF-")
    assert hits == []


def test_the_pdf_renderer_fetches_nothing_the_page_names(pixel_server, weasyprint_present):
    from wayfinder.advocacy.pdf import pdf_render

    address, hits = pixel_server
    page = (
        f'<link rel="stylesheet" href="{address}/style.css">'
        f"<style>@import url({address}/import.css);"
        f" body {{ background: url({address}/bg.png) }}</style>"
        f'<img src="{address}/pixel.png"><img src="file:///etc/passwd"><p>Case</p>'
    )

    assert pdf_render(page).startswith(b"%PDF-")
    assert hits == []


def test_the_fetcher_serves_data_and_static_files_only(pixel_server, weasyprint_present):
    from wayfinder.advocacy.pdf import BASE_URL, OwnFilesFetcher, RefusedFetch

    address, hits = pixel_server
    fetcher = OwnFilesFetcher()

    for url in (
        "file:///etc/passwd",
        f"{address}/pixel.png",
        "https://example.org/pixel.png",
        BASE_URL + "static/../../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "admin/",
    ):
        with pytest.raises((RefusedFetch, ValueError)):
            fetcher.fetch(url)
    assert hits == []
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    icon = fetcher.fetch(BASE_URL + "static/wayfinder/icon.svg")
    assert icon.content_type == "image/svg+xml" and b"<svg" in icon.read()


def test_remote_images_become_links_and_local_ones_stay():
    html = markdown_html(
        "![tracker](http://127.0.0.1:9/pixel.png) ![](https://example.org/a.png)"
        " ![dot](data:image/png;base64,iVBORw0KGgo=) ![icon](/static/wayfinder/icon.svg)"
        " ![up](/static/../secret.png)"
    )

    assert '<a href="http://127.0.0.1:9/pixel.png">tracker</a>' in html
    assert '<a href="https://example.org/a.png">https://example.org/a.png</a>' in html
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"' in html
    assert '<img src="/static/wayfinder/icon.svg" alt="icon"' in html
    assert '<a href="/static/../secret.png">up</a>' in html
    assert html.count("<img") == 2


def test_html_export_links_remote_images_and_its_csp_forbids_them(owner, today):
    version = _version_with(owner, today, "![x](http://127.0.0.1:9/pixel.png)\n")

    page = export_html(version)

    assert "<img" not in page
    assert '<a href="http://127.0.0.1:9/pixel.png">x</a>' in page
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy, "the exported file carries its own policy"
    directives = dict(
        part.strip().split(" ", 1) for part in unescape(policy[1]).split(";") if part.strip()
    )
    assert directives["default-src"] == "'none'"
    assert set(directives["img-src"].split()) <= {"'self'", "data:"}
    assert page.index("Content-Security-Policy") < page.index("<main>")
