"""Your signed-in sessions, and signing out of all of them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from wayfinder.accounts.selectors import sessions_active
from wayfinder.accounts.services import sessions_sign_out_everywhere
from wayfinder.core.counts import count_of


def sessions(request: HttpRequest) -> HttpResponse:
    listed = list(sessions_active(user=request.user, now=timezone.now())[:50])
    return render(
        request,
        "accounts/sessions.html",
        {"sessions": listed, "current_key": request.session.session_key},
    )


@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    ended = sessions_sign_out_everywhere(user=request.user)
    # This session was among them: sign this request out too, with a clean session.
    logout(request)
    messages.info(request, f"You are signed out of {count_of(ended, 'session')}.")
    return redirect("accounts:signin")
