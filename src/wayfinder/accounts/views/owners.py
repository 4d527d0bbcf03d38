"""The instance administrator's Owners pages: invitations, owners, figures.

Only accounts and counts: an owner's record is never shown here (docs/administration.md).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from wayfinder.accounts.owner_forms import OwnerDeleteForm, OwnerInviteForm
from wayfinder.accounts.owner_selectors import (
    instance_figures,
    owner_invitation,
    owner_invitations,
    owner_user,
)
from wayfinder.accounts.owner_services import (
    INVITATION_LIFETIME,
    OwnersError,
    owner_deactivate,
    owner_delete,
    owner_invitation_cancel,
    owner_invitation_deliver,
    owner_invitation_renew,
    owner_invite,
    owner_reactivate,
)
from wayfinder.core.errors import sentence
from wayfinder.core.mail import mail_configured
from wayfinder.core.web import posted


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The instance administrator's pages: any other account is refused (anonymous visitors
    are sent to sign in by the login middleware first)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied("These pages are for the administrator of this instance.")
        return view(request, *args, **kwargs)

    return checked


def _base_url(request: HttpRequest) -> str:
    return settings.WAYFINDER_BASE_URL or request.build_absolute_uri("/").rstrip("/")


def _owner_or_404(user_id: int):
    user = owner_user(user_id=user_id)
    if user is None:
        raise Http404("No such owner.")
    return user


@staff_only
@require_safe
def owners(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/owners.html", {"figures": instance_figures(now=timezone.now())}
    )


@staff_only
@require_POST
def owner_deactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _owner_or_404(user_id)
    try:
        changed = owner_deactivate(user=user, by=request.user)
    except OwnersError as error:
        messages.error(request, sentence(error))
    else:
        name = user.get_username()
        messages.success(
            request,
            f"{name} is deactivated: they are signed out, cannot sign in, and their shares "
            "are not readable until you reactivate them."
            if changed
            else f"{name} was already deactivated.",
        )
    return redirect("accounts:owners")


@staff_only
@require_POST
def owner_reactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _owner_or_404(user_id)
    try:
        changed = owner_reactivate(user=user, by=request.user)
    except OwnersError as error:
        messages.error(request, sentence(error))
    else:
        name = user.get_username()
        messages.success(
            request,
            f"{name} can sign in again." if changed else f"{name} was already active.",
        )
    return redirect("accounts:owners")


@staff_only
def owner_delete_view(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _owner_or_404(user_id)
    form = OwnerDeleteForm(posted(request), username=user.get_username())
    if request.method == "POST" and form.is_valid():
        try:
            deleted = owner_delete(user=user, by=request.user, now=timezone.now())
        except OwnersError as error:
            form.add_error(None, sentence(error))
        else:
            done = " ".join(deleted.done_first)
            messages.success(
                request,
                f"Deleted {deleted.username} and {deleted.rows:,} rows of theirs. {done}".strip(),
            )
            return redirect("accounts:owners")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/owner_delete.html", {"owner": user, "form": form}, status=status
    )


def _invitations_page(
    request: HttpRequest, form: OwnerInviteForm, *, link: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "rows": owner_invitations(now=timezone.now()),
            "link": link,
            "mail": mail_configured(),
            "days": INVITATION_LIFETIME.days,
        },
        status=status,
    )


def _sent(request: HttpRequest, invitation, token: str) -> HttpResponse:
    sent = owner_invitation_deliver(invitation=invitation, token=token, base_url=_base_url(request))
    if sent.emailed or sent.queued:
        messages.success(request, f"The sign-up link is on its way to {invitation.email}.")
        return redirect("accounts:invitations")
    # No email went out: the link is shown once, here (only its hash is kept).
    return _invitations_page(request, OwnerInviteForm(), link=sent.link)


@staff_only
def invitations(request: HttpRequest) -> HttpResponse:
    form = OwnerInviteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = owner_invite(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                invited_by=request.user,
                now=timezone.now(),
            )
        except OwnersError as error:
            form.add_error(None, sentence(error))
        else:
            return _sent(request, invitation, token)
    return _invitations_page(request, form, status=400 if form.errors else 200)


def _invitation_or_404(invitation_id: int):
    invitation = owner_invitation(invitation_id=invitation_id)
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


@staff_only
@require_POST
def invitation_renew(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation_or_404(invitation_id)
    try:
        token = owner_invitation_renew(invitation=invitation, now=timezone.now())
    except OwnersError as error:
        messages.error(request, sentence(error))
        return redirect("accounts:invitations")
    invitation.refresh_from_db()
    return _sent(request, invitation, token)


@staff_only
@require_POST
def invitation_cancel(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation_or_404(invitation_id)
    try:
        owner_invitation_cancel(invitation=invitation, now=timezone.now())
    except OwnersError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"The invitation to {invitation.email} is cancelled.")
    return redirect("accounts:invitations")
