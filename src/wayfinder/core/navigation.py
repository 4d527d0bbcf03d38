"""The main navigation: each area adds its entry here when its pages exist."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

# (label, URL name, the path prefix that marks the area as current)
MAIN_NAVIGATION = [
    ("Home", "core:home", None),
    ("Direction", "direction:ambition", "/direction/"),
    ("Plan", "plan:plan", "/plan/"),
    ("Experiments", "experiments:experiments", "/experiments/"),
    ("People", "network:people", "/people/"),
    ("Wins", "wins:wins", "/wins/"),
    ("Advocacy", "advocacy:readiness", "/advocacy/"),
    ("Conversations", "conversations:conversations", "/conversations/"),
    ("Reflection", "reflection:reviews", "/reflection/"),
    ("Your data", "portability:brag-doc", "/data/"),
    ("Profile", "core:profile", "/profile/"),
]


def main_navigation(request: HttpRequest) -> dict[str, list[dict[str, object]]]:
    items = []
    for label, name, prefix in MAIN_NAVIGATION:
        url = reverse(name)
        current = request.path.startswith(prefix) if prefix else request.path == url
        items.append({"label": label, "url": url, "current": current})
    return {"main_navigation": items}
