"""Sign-in, sign-out and setting a password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wayfinder.accounts.forms import SignInForm
from wayfinder.accounts.owner_services import signup_open
from wayfinder.accounts.services import SignInError, sessions_password_changed, signin_link_redeem
from wayfinder.core.errors import sentence
from wayfinder.core.web import posted

BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNED_IN_BY_LINK = "wayfinder_signed_in_by_link"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_not_required
def signin(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=posted(request))
    if request.method == "POST" and form.is_valid():
        # login() rotates the session key, so a planted session id is useless.
        login(request, form.get_user())
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/signin.html",
        {
            "form": form,
            "next": _next_url(request),
            "signup_open": signup_open(settings.WAYFINDER_SIGNUP),
        },
        status=429 if form.throttled else 200,
    )


@login_not_required
def signin_link(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: link previews and prefetchers must not use up the link.
    if request.method == "POST":
        try:
            user = signin_link_redeem(token=token, now=timezone.now())
        except SignInError as error:
            return render(request, "accounts/link.html", {"error": sentence(error)}, status=400)
        login(request, user, backend=BACKEND)
        # Whoever holds a link may set a password without the old one: that is how an owner
        # who forgot theirs gets back in, with a link the administrator emailed them.
        request.session[SIGNED_IN_BY_LINK] = True
        if not user.has_usable_password():
            messages.info(request, "You are signed in. Set a password to sign in next time.")
        else:
            messages.info(request, "You are signed in. You can set a new password now.")
        return redirect("accounts:password")
    return render(request, "accounts/link.html", {"token": token})


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("accounts:signin")


def password(request: HttpRequest) -> HttpResponse:
    user = request.user
    new = not user.has_usable_password() or request.session.get(SIGNED_IN_BY_LINK, False)
    form_class = SetPasswordForm if new else PasswordChangeForm
    form = form_class(user, data=posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        old_key = request.session.session_key
        update_session_auth_hash(request, form.user)
        sessions_password_changed(
            user=form.user, old_key=old_key, new_key=request.session.session_key
        )
        request.session.pop(SIGNED_IN_BY_LINK, None)
        messages.success(request, "Your password is saved.")
        return redirect("/")
    return render(request, "accounts/password.html", {"form": form, "new": new})
