"""The ladders guide as the app serves it: docs/ladders.md, shipped inside the package.

`schema/ladders-guide.md` is a copy of docs/ladders.md (a test keeps them the same), so
an installed Wayfinder can show the guide without the source tree.
"""

from __future__ import annotations

import functools
from importlib import resources

from django.utils.safestring import SafeString

from wayfinder.core.markdown import markdown_html


@functools.cache
def ladders_guide_html() -> SafeString:
    text = resources.files("wayfinder.advocacy").joinpath("schema/ladders-guide.md")
    return markdown_html(text.read_text("utf-8"))
