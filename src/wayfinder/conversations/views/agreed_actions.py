"""Agreed actions: noted inline during a conversation, done, or put in the plan in one step."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.conversations.forms import AgreedActionForm
from wayfinder.conversations.models import AgreedAction
from wayfinder.conversations.services import (
    ConversationError,
    agreed_action_add,
    agreed_action_delete,
    agreed_action_done,
    agreed_action_to_plan,
)
from wayfinder.conversations.views.conversations import conversation_of, detail_context
from wayfinder.core.errors import sentence
from wayfinder.core.web import HtmxHttpRequest, owner_of, render_page, today_for

DETAIL = "conversations/conversation_detail.html"


def _agreed_action(request: HttpRequest, pk: int) -> AgreedAction:
    return get_object_or_404(
        AgreedAction.objects.for_owner(owner_of(request)).select_related(
            "conversation", "plan_action"
        ),
        pk=pk,
    )


def _row(request: HtmxHttpRequest, action: AgreedAction, error: str = "") -> HttpResponse:
    return render_page(
        request,
        DETAIL,
        {"action": action, "conversation": action.conversation, "error": error},
        partial="agreed-action-row",
    )


@require_POST
def agreed_action_new(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    conversation = conversation_of(request, pk)
    form = AgreedActionForm(request.POST)
    if form.is_valid():
        try:
            action = agreed_action_add(owner=owner, conversation=conversation, **form.cleaned_data)
        except ConversationError as error:
            form.add_error(None, sentence(error))
        else:
            if not request.htmx:
                messages.success(request, f"Agreed: “{action.description}”.")
                return redirect("conversations:conversation", pk=conversation.pk)
            form = AgreedActionForm()
    return render_page(
        request, DETAIL, detail_context(conversation, form), partial="agreed-actions"
    )


@require_POST
def agreed_action_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    action = _agreed_action(request, pk)
    agreed_action_done(owner=owner, agreed_action=action, today=today_for(owner))
    if request.htmx:
        return _row(request, action)
    messages.success(request, f"Done: “{action.description}”.")
    return redirect("conversations:conversation", pk=action.conversation_id)


@require_POST
def agreed_action_plan(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    action = _agreed_action(request, pk)
    try:
        plan_action = agreed_action_to_plan(
            owner=owner, agreed_action=action, today=today_for(owner)
        )
    except ConversationError as error:
        if request.htmx:
            return _row(request, action, error=f"Not added: {error}.")
        messages.error(request, f"Not added: {error}.")
    else:
        if request.htmx:
            return _row(request, action)
        messages.success(request, f"“{plan_action.title}” is in your plan.")
    return redirect("conversations:conversation", pk=action.conversation_id)


def agreed_action_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    action = _agreed_action(request, pk)
    if request.method == "POST":
        agreed_action_delete(owner=owner, agreed_action=action)
        messages.success(request, "Agreed action deleted.")
        return redirect("conversations:conversation", pk=action.conversation_id)
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": action,
            "what": "agreed action",
            "consequence": "A plan action made from it stays in your plan.",
            "cancel_url": action.conversation.get_absolute_url(),
        },
    )
