"""The one safe Markdown renderer: the narrative, its exports and the agenda use it.

The owner's Markdown is rendered with raw HTML switched off, so any HTML they typed is
shown as text, never run; links keep only safe schemes (markdown-it's own check). An image
shows only from a `data:` URI or the app's own static files; any other becomes a plain
link, so neither a page nor an export opened from disk loads a tracking pixel.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml


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


def markdown_html(body: str) -> SafeString:
    """The owner's Markdown as HTML, raw HTML escaped, remote images as links."""
    return mark_safe(_markdown.render(body))


def markdown_text(body: str) -> str:
    """The owner's Markdown as the plain words it shows, on one line (for a snippet)."""
    return " ".join(html.unescape(strip_tags(_markdown.render(body))).split())
