"""PDF through WeasyPrint, which fetches nothing but `data:` URIs and the app's own files.

WeasyPrint's default fetcher opens any URL the page names, so an image in a narrative
pointing at `http://127.0.0.1:PORT/` made the server request it (SSRF), and an address
that never answers held the worker. Imported only when WeasyPrint is installed.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the page resolve against this origin, which names no host (RFC 2606):
# the fetcher maps it onto the static files and nothing else.
BASE_URL = "https://wayfinder.invalid/"


class RefusedFetch(ValueError):
    """A URL the PDF export does not load; WeasyPrint leaves the resource out."""


def static_file(url: str) -> Path | None:
    """The app's own static file a URL under BASE_URL names, or None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or parts.query:
        return None
    path = posixpath.normpath(unquote(parts.path))
    if not path.startswith(settings.STATIC_URL):
        return None
    try:
        found = finders.find(path.removeprefix(settings.STATIC_URL))
    except SuspiciousFileOperation:
        return None
    return Path(found) if isinstance(found, str) else None


class OwnFilesFetcher(URLFetcher):
    """Serves `data:` URIs and the app's static files; every other URL is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_file(url)
        if path is None:
            raise RefusedFetch(f"the PDF export loads only its own files, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def pdf_render(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=OwnFilesFetcher()).write_pdf()
