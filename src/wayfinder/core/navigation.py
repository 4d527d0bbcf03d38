"""The main navigation: each area adds its entry here when its pages exist."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

MAIN_NAVIGATION = [
    ("Home", "core:home"),
    ("Profile", "core:profile"),
]


def main_navigation(request: HttpRequest) -> dict[str, list[dict[str, object]]]:
    items = []
    for label, name in MAIN_NAVIGATION:
        url = reverse(name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return {"main_navigation": items}
