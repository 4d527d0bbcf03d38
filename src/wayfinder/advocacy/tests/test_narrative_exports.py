"""Exports: Markdown as written, a standalone printable page with escaped HTML, PDF."""

from __future__ import annotations

import builtins
import datetime as dt

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
    with pytest.raises(PdfUnavailable, match=r"wayfinder\[pdf\]"):
        export_pdf(version)
