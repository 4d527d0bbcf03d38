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


def markdown_line(text: str, *, urls_shown: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """One line of Markdown as the words it shows, and its links as (text, URL) pairs.

    '**Shipped** the [guide](https://x.example)' → ('Shipped the guide', [('guide',
    'https://x.example')]). Emphasis, code marks and escapes go; an image shows its alt
    text; raw HTML stays as the text it was typed as. With `urls_shown`, each link's URL
    follows its text in brackets, so none is lost from a line of details.
    """
    words: list[str] = []
    links: list[tuple[str, str]] = []
    link: tuple[str, int] | None = None  # its URL, and where its text starts in `words`
    for token in _markdown.parseInline(text)[0].children or []:
        if token.type == "link_open" and token.markup != "autolink":
            link = (str(token.attrGet("href") or ""), len(words))
        elif token.type == "link_close" and link is not None:
            url, start = link
            label = " ".join("".join(words[start:]).split())
            if url:
                links.append((label or url, url))
                if urls_shown and label != url:
                    words.append(f" ({url})" if label else url)
            link = None
        elif token.type == "image":
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif token.type in ("text", "code_inline", "html_inline"):
            words.append(token.content)
    return " ".join("".join(words).split()), links
