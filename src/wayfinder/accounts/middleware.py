"""An account with no career record (the instance administrator) gets a page saying so."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


class AccountWithoutProfileMiddleware:
    """Every career page needs the owner's profile; an account without one is told why.

    The admin, sign-in and sign-out, the password and sessions pages, sign-up, the
    administrator's Owners pages, a viewer's pages and invitation, static files and the
    health and readiness checks need no profile and go ahead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.open_prefixes: tuple[str, ...] | None = None

    def _open(self, path: str) -> bool:
        if self.open_prefixes is None:
            from django.conf import settings

            self.open_prefixes = (
                reverse("admin:index"),
                reverse("accounts:signin"),
                reverse("accounts:signout"),
                reverse("accounts:password"),
                reverse("accounts:sessions"),
                # Sign-up, an account's notices, and the administrator's Owners pages.
                reverse("accounts:signup"),
                reverse("accounts:notice-dismiss", args=[0]).removesuffix("0/dismiss/"),
                reverse("accounts:owners").removesuffix("owners/"),
                # A viewer's pages and the invitation: a viewer has no career record.
                reverse("sharing:shared-with-me"),
                reverse("sharing:accept", args=["token"]).removesuffix("token/"),
                # The calendar feed: its address is its key, whoever is signed in.
                reverse("calendars:feed", args=["token"]).removesuffix("token.ics"),
                reverse("core:health"),
                reverse("operations:healthz"),
                reverse("operations:readyz"),
                # The JSON API answers an account without a record itself, in JSON (a 401).
                reverse("api:api-root"),
                settings.STATIC_URL,
            )
        return path.startswith(self.open_prefixes)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not hasattr(user, "profile") and not self._open(request.path):
            return render(request, "accounts/no_profile.html", {"account": user}, status=403)
        return self.get_response(request)
