"""The navigation: the practices in the order a coach would walk them, then the account."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

# (label, URL name, the path prefix that marks the area as current)
MAIN_NAVIGATION = [
    ("Home", "home", None),
    ("Direction", "direction:ambition", "/direction/"),
    ("Plan", "plan:plan", "/plan/"),
    ("Experiments", "experiments:experiments", "/experiments/"),
    ("Conversations", "conversations:conversations", "/conversations/"),
    ("People", "network:people", "/people/"),
    ("Wins", "wins:wins", "/wins/"),
    ("Advocacy", "advocacy:readiness", "/advocacy/"),
    ("Reflection", "reflection:reviews", "/reflection/"),
]
ACCOUNT_NAVIGATION = [
    ("Sharing", "sharing:sharing", "/sharing/"),
    ("Mentoring", "mentoring:programs", "/mentoring/"),
    ("Your data", "portability:data", "/data/"),
    ("Profile", "core:profile", "/profile/"),
]


def _items(
    request: HttpRequest, entries: list[tuple[str, str, str | None]]
) -> list[dict[str, object]]:
    items = []
    for label, name, prefix in entries:
        url = reverse(name)
        current = request.path.startswith(prefix) if prefix else request.path == url
        items.append({"label": label, "url": url, "current": current})
    return items


# An account with no career record of its own (a viewer) has no owner's pages to go to.
VIEWER_NAVIGATION = [("Shared with me", "sharing:shared-with-me", "/sharing/shared/")]
VIEWER_ACCOUNT_NAVIGATION = [("Your sessions", "accounts:sessions", "/account/sessions/")]
# The instance administrator's pages: the owners and invitations, never a record.
STAFF_NAVIGATION = [("Owners", "accounts:owners", "/instance/")]


def main_navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    staff = STAFF_NAVIGATION if user is not None and user.is_staff else []
    if user is not None and user.is_authenticated and not hasattr(user, "profile"):
        return {
            "main_navigation": _items(request, VIEWER_NAVIGATION),
            "account_navigation": _items(request, [*staff, *VIEWER_ACCOUNT_NAVIGATION]),
            "viewer_account": True,
        }
    return {
        "main_navigation": _items(request, MAIN_NAVIGATION),
        "account_navigation": _items(request, [*ACCOUNT_NAVIGATION, *staff]),
    }
