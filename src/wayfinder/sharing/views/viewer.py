"""A viewer's pages: "Shared with me", one owner's share, each shared section read-only,
and the invitation that signs a viewer in.

Every page finds its share through sharing.selectors (`shared_with`, `share_for_viewer`),
never through the owner's querysets, reads the record only through the section's
projection, and writes the access log. Nothing is cached: a revoked or expired share is a
404 at the viewer's next request.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from wayfinder.accounts.addresses import client_address
from wayfinder.accounts.owner_selectors import account_notices
from wayfinder.accounts.services import (
    SignInThrottled,
    signin_attempt_begin,
    signin_attempt_succeeded,
)
from wayfinder.core.clock import today_for
from wayfinder.core.errors import sentence
from wayfinder.sharing.collaboration_selectors import with_supervisor_side, with_viewer_comments
from wayfinder.sharing.invitations import SignInFirst, invitation_share, viewer_account_for
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.sharing.sections import SECTIONS, plan_compare, project
from wayfinder.sharing.selectors import (
    share_for_viewer,
    shared_with,
    viewer_home,
    viewer_share_today,
)
from wayfinder.sharing.services import ShareError, share_accept, share_access_record, token_hash

BACKEND = "django.contrib.auth.backends.ModelBackend"

# The items of a section a viewer may comment on: the list in the projection, and its kind.
COMMENTED: dict[str, tuple[str, str]] = {
    SectionKey.GOALS: ("goals", "goal"),
    SectionKey.PLAN: ("actions", "action"),
    SectionKey.EXPERIMENTS: ("experiments", "experiment"),
    SectionKey.WINS: ("wins", "win"),
    SectionKey.CONVERSATIONS: ("conversations", "conversation"),
}


class Item(dict):
    """A projected item (a plain dict) that the comment partials can address by `pk`."""

    @property
    def pk(self) -> Any:
        return self["id"]


def _with_comments(share: Share, section: str, data: dict[str, Any]) -> dict[str, Any]:
    if section not in COMMENTED:
        return data
    key, kind = COMMENTED[section]
    items = with_viewer_comments(share=share, kind=kind, items=[Item(item) for item in data[key]])
    if section == SectionKey.CONVERSATIONS:
        items = with_supervisor_side(share=share, conversations=items)
    return {**data, key: items}


@require_safe
def shared_with_me(request: HttpRequest) -> HttpResponse:
    # Each owner's share is read on that owner's today, the day a comment on it is dated.
    owners = viewer_home(request.user)
    health = {}
    for row in owners:
        if row.share.allows(SectionKey.GUIDANCE):
            health[row.share.pk] = project(row.share, SectionKey.GUIDANCE, row.today)
            share_access_record(share=row.share, page="Shared with me: health summary")
    rows = [
        {
            "share": row.share,
            "owner_name": row.owner_name,
            "sections": [SECTIONS[key] for key in SECTIONS if row.share.allows(key)],
            "health": health.get(row.share.pk),
        }
        for row in owners
    ]
    # Notices for the viewer, e.g. that an owner who shared with them has left.
    notices = list(account_notices(user=request.user)[:20])
    return render(
        request,
        "sharing/viewer/home.html",
        {"rows": rows, "notices": notices},
    )


@require_safe
def share_page(request: HttpRequest, share_id: int) -> HttpResponse:
    share = share_for_viewer(request.user, share_id, viewer_share_today(request.user, share_id))
    if share is None:
        raise Http404("No such share.")
    share_access_record(share=share, page="Overview", path=request.path)
    sections = [SECTIONS[key] for key in SECTIONS if share.allows(key)]
    return render(request, "sharing/viewer/share.html", {"share": share, "sections": sections})


@require_safe
def section_page(request: HttpRequest, share_id: int, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404("No such section.")
    today = viewer_share_today(request.user, share_id)
    share = shared_with(request.user, section, today).filter(pk=share_id).first()
    if share is None:
        raise Http404("No such share.")
    data = _with_comments(share, section, project(share, section, today))
    share_access_record(share=share, page=SECTIONS[section].label, path=request.path)
    return render(
        request,
        "sharing/viewer/section.html",
        {
            "share": share,
            "section": SECTIONS[section],
            "sections": [SECTIONS[key] for key in SECTIONS if share.allows(key)],
            "template": f"sharing/viewer/sections/{section}.html",
            "data": data,
            "today": today,
            "live": True,
        },
    )


def _number(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@require_safe
def plan_compare_page(request: HttpRequest, share_id: int) -> HttpResponse:
    today = viewer_share_today(request.user, share_id)
    share = shared_with(request.user, SectionKey.PLAN, today).filter(pk=share_id).first()
    if share is None:
        raise Http404("No such share.")
    older, newer = _number(request.GET.get("from")), _number(request.GET.get("to"))
    compared = None
    if older is not None and newer is not None:
        compared = plan_compare(share, min(older, newer), max(older, newer))
    if compared is None:
        raise Http404("No such comparison.")
    share_access_record(share=share, page="Plan: compare revisions", path=request.path)
    return render(
        request,
        "sharing/viewer/compare.html",
        {
            "share": share,
            "sections": [SECTIONS[key] for key in SECTIONS if share.allows(key)],
            "compared": compared,
        },
    )


@login_not_required
def accept(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: link previews and prefetchers must not use the invitation.
    if request.method != "POST":
        return render(request, "sharing/viewer/accept.html", {"token": token})
    try:
        # Counted and throttled like password sign-ins: per invitation and address, and per
        # address over all invitations, so tokens cannot be guessed at speed.
        attempt = signin_attempt_begin(
            username=f"invitation:{token_hash(token)[:24]}",
            ip_address=client_address(request),
            now=timezone.now(),
        )
    except SignInThrottled as error:
        return _refused(request, token, sentence(error), status=429)
    share = invitation_share(token=token)
    if share is None:
        return _refused(request, token, "This invitation is not valid: ask for a new one.")
    # The share's expiry is the owner's day, as for everything a viewer does on it.
    today = today_for(share.owner)
    try:
        if request.user.is_authenticated:
            user = request.user
        elif share.is_accepted:
            # Used: it signs no one in again (share_accept lets its account open it twice).
            raise ShareError("this invitation was already used: ask for a new one")
        else:
            user = viewer_account_for(share=share, today=today)
        share = share_accept(token=token, user=user, today=today)
    except SignInFirst as error:
        return _refused(request, token, sentence(error), sign_in=True)
    except ShareError as error:
        return _refused(request, token, sentence(error))
    signin_attempt_succeeded(attempt=attempt)
    if not request.user.is_authenticated:
        login(request, user, backend=BACKEND)
    messages.success(
        request, f"{share.owner} shares this with you until {share.expires_on:%-d %b %Y}."
    )
    return redirect("sharing:viewer-share", share_id=share.pk)


def _refused(
    request: HttpRequest, token: str, error: str, status: int = 400, sign_in: bool = False
) -> HttpResponse:
    return render(
        request,
        "sharing/viewer/accept.html",
        {
            "error": error,
            "sign_in_url": f"{reverse('accounts:signin')}?next={request.path}" if sign_in else "",
        },
        status=status,
    )
