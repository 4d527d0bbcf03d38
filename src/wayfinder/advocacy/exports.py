"""Exports of a narrative version: Markdown, a standalone printable HTML page, PDF.

The owner's Markdown is rendered with raw HTML switched off, so any HTML they typed is
shown as text, never run; links keep only safe schemes (markdown-it's own check). An image
shows only from a `data:` URI or the app's own static files; any other becomes a plain
link, so neither an export nor the page opened from disk loads a tracking pixel.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from wayfinder.advocacy.models import NarrativeVersion

# The printable page carries its own stylesheet; it runs no script and loads nothing from
# elsewhere. Sent as a header by the app and written into the file for when it is opened
# from disk.
EXPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)


def _local_image(src: str) -> bool:
    """A `data:` URI (markdown-it lets through images only) or one of the static files."""
    if src.startswith("data:"):
        return True
    parts = urlsplit(src)
    path = posixpath.normpath(parts.path)
    return not (parts.scheme or parts.netloc) and path.startswith(settings.STATIC_URL)


def _image_or_link(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    src = str(token.attrGet("src") or "")
    if _local_image(src):
        return renderer.image(tokens, index, options, env)
    text = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(text)}</a>'


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_markdown.add_render_rule("image", _image_or_link)


class PdfUnavailable(RuntimeError):
    """WeasyPrint (the optional `wayfinder[pdf]` extra) or its system libraries are missing."""


# The Debian packages WeasyPrint draws with; README and docs/narrative.md name the same.
PDF_DEBIAN_PACKAGES = (
    "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core"
)
PDF_HOW_TO_ENABLE = (
    "PDF download needs WeasyPrint: install it with `pip install 'wayfinder[pdf]'` and, on "
    f"Debian or Ubuntu, `sudo apt-get install {PDF_DEBIAN_PACKAGES}`, then restart Wayfinder "
    "(`make run` does the pip step when the libraries are there). Markdown and the printable "
    "page work without it"
)


def markdown_html(body: str) -> SafeString:
    """The owner's Markdown as HTML, raw HTML escaped, remote images as links."""
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
        {
            "version": version,
            "narrative": version.narrative,
            "body": markdown_html(version.body),
            "csp": EXPORT_CSP,
        },
    )


def pdf_available() -> bool:
    """WeasyPrint is installed and finds the system libraries it draws with."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def export_pdf(version: NarrativeVersion) -> bytes:
    """The printable page as PDF through WeasyPrint, which fetches nothing from outside;
    PdfUnavailable when it cannot run."""
    try:
        from wayfinder.advocacy.pdf import pdf_render
    except (ImportError, OSError) as error:
        raise PdfUnavailable(PDF_HOW_TO_ENABLE) from error
    return pdf_render(export_html(version))
