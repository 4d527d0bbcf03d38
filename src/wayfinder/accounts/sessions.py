"""Signed-in sessions: recorded at sign-in, checked and touched on each request.

The rules (timeouts, what is recorded) live in accounts.services; this module connects them
to Django's sign-in hooks and to the request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.messages import info
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from wayfinder.accounts.services import (
    session_forget,
    session_is_expired,
    session_record,
    session_touch,
)


def session_signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    session_record(
        user=user,
        session=request.session,
        now=timezone.now(),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def session_signed_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    session_forget(session_key=request.session.session_key)


class SessionLifetimeMiddleware:
    """A viewer's session past its idle timeout or lifetime is signed out at this request.

    What the session needs to decide is kept in the session itself, so a request costs no
    query; "last seen" is written at most every few minutes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            if session_is_expired(session=request.session, now=now):
                logout(request)
                info(request, "Your session has ended. Sign in again with a new link.")
            else:
                session_touch(user=request.user, session=request.session, now=now)
        return self.get_response(request)
