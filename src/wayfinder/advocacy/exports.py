"""Exports of a narrative version: Markdown, a standalone printable HTML page, PDF.

The owner's Markdown is rendered by core.markdown's one safe renderer (raw HTML shown as
text, safe link schemes only, no remote images), so neither an export nor the page opened
from disk runs a script or loads a tracking pixel.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify

from wayfinder.advocacy.models import NarrativeVersion
from wayfinder.core.markdown import markdown_html

# The printable page carries its own stylesheet; it runs no script and loads nothing from
# elsewhere. Sent as a header by the app and written into the file for when it is opened
# from disk.
EXPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)


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
