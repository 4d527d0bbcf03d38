"""Exports of a narrative version: Markdown, a standalone printable HTML page, PDF.

The owner's Markdown is rendered with raw HTML switched off, so any HTML they typed is
shown as text, never run; links keep only safe schemes (markdown-it's own check).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt

from wayfinder.advocacy.models import NarrativeVersion

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


class PdfUnavailable(RuntimeError):
    """WeasyPrint (the optional `wayfinder[pdf]` extra) or its system libraries are missing."""


def markdown_html(body: str) -> SafeString:
    """The owner's Markdown as HTML, raw HTML escaped."""
    return mark_safe(_markdown.render(body))


def export_filename(version: NarrativeVersion, extension: str) -> str:
    slug = slugify(version.narrative.title)[:60] or "narrative"
    return f"{slug}-v{version.number}.{extension}"


def export_markdown(version: NarrativeVersion) -> str:
    return version.body if version.body.endswith("\n") else version.body + "\n"


def export_html(version: NarrativeVersion) -> str:
    """A standalone page: its own CSS (screen and print), no external assets."""
    return render_to_string(
        "advocacy/print/narrative.html",
        {"version": version, "narrative": version.narrative, "body": markdown_html(version.body)},
    )


def pdf_available() -> bool:
    """WeasyPrint is installed and finds the system libraries it draws with."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def export_pdf(version: NarrativeVersion) -> bytes:
    """The printable page as PDF through WeasyPrint; PdfUnavailable when it cannot run."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            "PDF export needs WeasyPrint: install `wayfinder[pdf]` and the system libraries "
            "listed in docs/narrative.md (Markdown and HTML exports work without it)"
        ) from error
    return HTML(string=export_html(version), base_url=None).write_pdf()
