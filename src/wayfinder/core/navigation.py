"""The navigation: the practices in the order a coach would walk them, then the account."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

# (label, URL name, the path prefix that marks the area as current)
Entry = tuple[str, str, str | None]
MAIN_NAVIGATION: list[Entry] = [
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
ACCOUNT_NAVIGATION: list[Entry] = [
    ("Sharing", "sharing:sharing", "/sharing/"),
    ("Mentoring", "mentoring:programs", "/mentoring/"),
    ("Your data", "portability:data", "/data/"),
    ("Profile", "core:profile", "/profile/"),
]


def _items(request: HttpRequest, entries: list[Entry]) -> list[dict[str, object]]:
    # One area is current: the longest prefix that matches (Sharing's /sharing/ holds
    # Shared with me's /sharing/shared/).
    matching = [prefix for _, _, prefix in entries if prefix and request.path.startswith(prefix)]
    longest = max(matching, key=len, default=None)
    items = []
    for label, name, prefix in entries:
        url = reverse(name)
        current = prefix == longest if prefix else request.path == url
        items.append({"label": label, "url": url, "current": current})
    return items


# Links an app above core adds to an owner's account navigation, beside Sharing, for the
# request (sharing: "Shared with me", when someone shares with them).
AccountLinks = Callable[[HttpRequest], list[Entry]]
_ACCOUNT_LINKS: list[AccountLinks] = []


def account_links_register(links: AccountLinks) -> None:
    """Offer `links(request)` in every owner's account navigation (registered once)."""
    if links not in _ACCOUNT_LINKS:
        _ACCOUNT_LINKS.append(links)


# An account with no career record of its own (a viewer) has no owner's pages to go to.
VIEWER_NAVIGATION: list[Entry] = [("Shared with me", "sharing:shared-with-me", "/sharing/shared/")]
VIEWER_ACCOUNT_NAVIGATION: list[Entry] = [
    ("Your sessions", "accounts:sessions", "/account/sessions/")
]
# The instance administrator's pages: the owners and invitations, never a record.
STAFF_NAVIGATION: list[Entry] = [("Owners", "accounts:owners", "/instance/")]


def main_navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    staff = STAFF_NAVIGATION if user is not None and user.is_staff else []
    if user is not None and user.is_authenticated and not hasattr(user, "profile"):
        return {
            "main_navigation": _items(request, VIEWER_NAVIGATION),
            "account_navigation": _items(request, [*staff, *VIEWER_ACCOUNT_NAVIGATION]),
            "viewer_account": True,
        }
    added = [entry for links in _ACCOUNT_LINKS for entry in links(request)]
    account = [*ACCOUNT_NAVIGATION[:1], *added, *ACCOUNT_NAVIGATION[1:], *staff]
    return {
        "main_navigation": _items(request, MAIN_NAVIGATION),
        "account_navigation": _items(request, account),
    }
