"""Comments and proposals: a viewer writes them on the viewer's pages, the owner answers on
the items' own pages and on the proposals page. Thin: the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, today_for
from wayfinder.sharing.collaboration_selectors import (
    item_of,
    item_url,
    proposals_for,
)
from wayfinder.sharing.collaboration_services import (
    CollaborationError,
    ShareClosed,
    agenda_point_add,
    agenda_point_delete,
    comment_add,
    comment_delete,
    comment_reply,
    comment_resolve,
    proposal_accept,
    proposal_add,
    proposal_decline,
)
from wayfinder.sharing.models import AgendaPoint, Comment, Proposal, Share
from wayfinder.sharing.selectors import share_for_viewer, viewer_share_today


def _back(request: HttpRequest, share: Share) -> HttpResponse:
    """Back to the viewer's page the form was on (only a path of this site), else the
    share's own page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("sharing:viewer-share", share_id=share.pk)


def _viewer_share(request: HttpRequest, share_id: int) -> Share:
    """The viewer's share, whatever its sections (each service checks the one it needs)."""
    share = share_for_viewer(request.user, share_id, viewer_share_today(request.user, share_id))
    if share is None:
        raise Http404("No such share.")
    return share


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404("No such item.") from None


def _viewer_write(request: HttpRequest, share: Share, write: Any, done: str) -> HttpResponse:
    try:
        write()
    except ShareClosed:
        raise Http404("No such item.") from None
    except CollaborationError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, done)
    return _back(request, share)


@require_POST
def comment_add_view(request: HttpRequest, share_id: int) -> HttpResponse:
    share = _viewer_share(request, share_id)
    item_id = _int(request.POST.get("item_id", ""))
    return _viewer_write(
        request,
        share,
        lambda: comment_add(
            viewer=request.user,
            share=share,
            item_kind=request.POST.get("item_kind", ""),
            item_id=item_id,
            body=request.POST.get("body", ""),
            now=timezone.now(),
            today=today_for(share.owner),
        ),
        f"Comment sent to {share.owner}.",
    )


@require_POST
def agenda_point_add_view(
    request: HttpRequest, share_id: int, conversation_id: int
) -> HttpResponse:
    share = _viewer_share(request, share_id)
    return _viewer_write(
        request,
        share,
        lambda: agenda_point_add(
            viewer=request.user,
            share=share,
            conversation_id=conversation_id,
            text=request.POST.get("text", ""),
            now=timezone.now(),
            today=today_for(share.owner),
        ),
        "Agenda point added.",
    )


@require_POST
def proposal_add_view(request: HttpRequest, share_id: int) -> HttpResponse:
    share = _viewer_share(request, share_id)
    raw_conversation = request.POST.get("conversation_id", "")
    conversation_id = _int(raw_conversation) if raw_conversation else None
    raw_due = request.POST.get("due_on", "").strip()
    try:
        due_on = dt.date.fromisoformat(raw_due) if raw_due else None
    except ValueError:
        messages.error(request, sentence(f"{raw_due!r} is not a date: use YYYY-MM-DD"))
        return _back(request, share)
    return _viewer_write(
        request,
        share,
        lambda: proposal_add(
            viewer=request.user,
            share=share,
            kind=request.POST.get("kind", ""),
            conversation_id=conversation_id,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            due_on=due_on,
            now=timezone.now(),
            today=today_for(share.owner),
        ),
        f"Proposal sent to {share.owner}.",
    )


# The owner's side.


def _comment(request: HttpRequest, comment_id: int) -> Comment:
    comment = Comment.objects.for_owner(owner_of(request)).filter(pk=comment_id).first()
    if comment is None:
        raise Http404("No such comment.")
    return comment


def _to_item(request: HttpRequest, comment: Comment) -> HttpResponse:
    """Back to the item's own page, where the thread is shown."""
    item = item_of(comment.owner, comment.item_kind, comment.item_id)
    return redirect(item_url(comment.item_kind, item) if item is not None else "sharing:sharing")


@require_POST
def comment_reply_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(request, comment_id)
    try:
        comment_reply(
            owner=owner_of(request),
            comment=comment,
            body=request.POST.get("body", ""),
            now=timezone.now(),
        )
    except CollaborationError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"Reply sent to {comment.share.person.name}.")
    return _to_item(request, comment)


@require_POST
def comment_resolve_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(request, comment_id)
    comment_resolve(owner=owner_of(request), comment=comment, now=timezone.now())
    messages.success(request, "Comment resolved.")
    return _to_item(request, comment)


@require_POST
def comment_delete_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(request, comment_id)
    response = _to_item(request, comment)
    comment_delete(owner=owner_of(request), comment=comment)
    messages.success(request, "Comment deleted.")
    return response


@require_POST
def agenda_point_delete_view(request: HttpRequest, point_id: int) -> HttpResponse:
    owner = owner_of(request)
    point = AgendaPoint.objects.for_owner(owner).filter(pk=point_id).first()
    if point is None:
        raise Http404("No such agenda point.")
    agenda_point_delete(owner=owner, point=point)
    messages.success(request, "Agenda point removed.")
    return redirect("conversations:conversation", point.conversation_id)


def _proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.for_owner(owner_of(request)).filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404("No such proposal.")
    return proposal


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    rows = list(proposals_for(owner=owner).order_by("status", "-created_at", "-id"))
    return render(request, "sharing/proposals.html", {"proposals": rows})


def _decide(request: HttpRequest, proposal_id: int, decide: Any, done: str) -> HttpResponse:
    owner = owner_of(request)
    proposal = _proposal(request, proposal_id)
    try:
        decided = decide(owner=owner, proposal=proposal, today=today_for(owner))
    except CollaborationError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, done.format(title=decided.title))
    return redirect("sharing:proposals")


@require_POST
def proposal_accept_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _decide(request, proposal_id, proposal_accept, "'{title}' is in your plan.")


@require_POST
def proposal_decline_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _decide(request, proposal_id, proposal_decline, "'{title}' declined.")
