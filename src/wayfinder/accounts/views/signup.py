"""Signing up as a new owner: with an invitation's link, or (when the instance allows it)
by asking for a link to one's own address. Notices an account dismisses."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wayfinder.accounts.addresses import client_address
from wayfinder.accounts.owner_forms import SignUpForm, SignUpRequestForm
from wayfinder.accounts.owner_services import (
    INVITATION_LIFETIME,
    OwnersError,
    account_notice_dismiss,
    owner_invitation_check,
    owner_invitation_deliver,
    owner_invitation_for_token,
    owner_invitation_link,
    owner_signup,
    owner_signup_request,
    signup_domains,
    signup_open,
)
from wayfinder.accounts.selectors import username_normalise
from wayfinder.accounts.services import (
    SignInThrottled,
    signin_attempt_begin,
    signin_attempt_succeeded,
)
from wayfinder.core.errors import sentence
from wayfinder.core.mail import mail_configured
from wayfinder.core.tokens import token_hash
from wayfinder.core.web import posted

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-up link (open or domain mode); by invitation only, say so."""
    mode = settings.WAYFINDER_SIGNUP
    context = {"open": signup_open(mode), "domains": signup_domains(mode)}
    form = SignUpRequestForm(posted(request))
    if not context["open"]:
        return render(request, "accounts/signup.html", context | {"form": None})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            # Each request sends an email: counted like password sign-ins, per address and
            # per visitor, so the form cannot be used to flood an inbox.
            signin_attempt_begin(
                username=f"signup:{username_normalise(email)}"[:150],
                ip_address=client_address(request),
                now=timezone.now(),
            )
            issued = owner_signup_request(
                email=email, name=form.cleaned_data["name"], mode=mode, now=timezone.now()
            )
        except SignInThrottled as error:
            form.add_error(None, sentence(error))
            return render(request, "accounts/signup.html", context | {"form": form}, status=429)
        except OwnersError as error:
            form.add_error(None, sentence(error))
        else:
            if mail_configured():
                if issued is not None:
                    invitation, token = issued
                    base_url = settings.WAYFINDER_BASE_URL or request.build_absolute_uri("/")
                    owner_invitation_deliver(invitation=invitation, token=token, base_url=base_url)
                # The same answer whether or not the address has an account here.
                return render(
                    request,
                    "accounts/signup_sent.html",
                    {"email": email, "days": INVITATION_LIFETIME.days},
                )
            if issued is None:
                form.add_error(
                    "email", f"There is already an account for {email}: sign in instead."
                )
            else:
                return redirect(owner_invitation_link(token=issued[1], base_url=""))
    status = 400 if form.errors else 200
    return render(request, "accounts/signup.html", context | {"form": form}, status=status)


@login_not_required
def signup_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The sign-up link: choose a username and password; the account is made on POST."""
    now = timezone.now()
    invitation = owner_invitation_for_token(token)
    try:
        owner_invitation_check(invitation=invitation, now=now)
    except OwnersError as error:
        return render(
            request, "accounts/signup_invitation.html", {"error": sentence(error)}, status=400
        )
    assert invitation is not None
    form = SignUpForm(posted(request), email=invitation.email)
    if request.method != "POST":
        form.initial["display_name"] = invitation.name
        form.initial["username"] = invitation.email.partition("@")[0]
    if request.method == "POST":
        try:
            # Counted and throttled like password sign-ins, so links cannot be guessed.
            attempt = signin_attempt_begin(
                username=f"owner-invitation:{token_hash(token)[:24]}",
                ip_address=client_address(request),
                now=now,
            )
        except SignInThrottled as error:
            form.add_error(None, sentence(error))
            return render(
                request,
                "accounts/signup_invitation.html",
                {"form": form, "invitation": invitation},
                status=429,
            )
        if form.is_valid():
            try:
                profile = owner_signup(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    display_name=form.cleaned_data["display_name"],
                    time_zone=form.cleaned_data["time_zone"],
                    now=now,
                )
            except OwnersError as error:
                form.add_error(None, sentence(error))
            else:
                signin_attempt_succeeded(attempt=attempt)
                login(request, profile.user, backend=BACKEND)
                messages.success(request, "Welcome to Wayfinder. Your record is yours alone.")
                return redirect("/")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/signup_invitation.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@require_POST
def notice_dismiss(request: HttpRequest, notice_id: int) -> HttpResponse:
    account_notice_dismiss(user=request.user, notice_id=notice_id, now=timezone.now())
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("sharing:shared-with-me")
