"""Development conversations with the supervisor: plan, record, correct, cancel, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.conversations.forms import (
    AgreedActionForm,
    ConversationFilterForm,
    ConversationForm,
)
from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.selectors import (
    conversation_due,
    conversation_list,
    days_since_last_conversation,
    next_planned_conversation,
    open_agreed_actions,
)
from wayfinder.conversations.services import (
    ConversationError,
    conversation_cancel,
    conversation_delete,
    conversation_plan,
    conversation_record,
    conversation_update,
    current_manager,
)
from wayfinder.core.dates import date_shown
from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.markdown import markdown_html, markdown_text
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import thresholds_for
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for

# A drafted agenda runs to a screenful; the field shows it without scrolling.
AGENDA_ROWS = 18


def conversation_of(request: HttpRequest, pk: int) -> DevelopmentConversation:
    return get_object_or_404(
        DevelopmentConversation.objects.for_owner(owner_of(request)).select_related("supervisor"),
        pk=pk,
    )


def detail_context(
    conversation: DevelopmentConversation, action_form: AgreedActionForm | None = None
) -> dict:
    actions = conversation.agreed_actions.select_related("plan_action").order_by("id")
    return {
        "conversation": conversation,
        "agenda_html": markdown_html(conversation.agenda) if conversation.agenda.strip() else "",
        "actions": list(actions),
        "action_form": action_form or AgreedActionForm(),
    }


def conversations(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    filters = ConversationFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] or None if filters.is_valid() else None
    found = list(conversation_list(owner=owner, status=status))
    for conversation in found:
        conversation.open_actions = sum(
            not action.done for action in conversation.agreed_actions.all()
        )
        conversation.agenda_text = markdown_text(conversation.agenda)
    days = days_since_last_conversation(owner=owner, today=today)
    due_after = thresholds_for(owner=owner).supervisor_days
    return render_page(
        request,
        "conversations/conversations.html",
        {
            "conversations": found,
            "filters": filters,
            "filtered": bool(status),
            "days_since": days,
            "due": conversation_due(days_since=days, after_days=due_after),
            "due_after": due_after,
            "next_conversation": next_planned_conversation(owner=owner, today=today),
            "open_actions": list(open_agreed_actions(owner=owner)),
            "today": today,
        },
        partial="conversation-list",
    )


def _initial(owner: Profile, today, *, draft: bool = False) -> dict:
    manager = current_manager(owner=owner, today=today)
    initial = {"held_on": today, "supervisor": manager.pk if manager else None}
    if draft:
        # Planning starts from an agenda drafted from the record; the owner edits it.
        initial["agenda"] = agenda_markdown(agenda_draft(owner=owner, today=today))
    return initial


def conversation_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = ConversationForm(
        posted(request),
        owner=owner,
        today=today,
        stage=ConversationStatus.PLANNED,
        initial=_initial(owner, today, draft=request.method != "POST"),
    )
    form.fields["agenda"].widget.attrs["rows"] = AGENDA_ROWS
    if request.method == "POST" and form.is_valid():
        conversation = conversation_plan(owner=owner, **form.cleaned_data)
        messages.success(request, f"Conversation planned for {date_shown(conversation.held_on)}.")
        return redirect("conversations:conversation", pk=conversation.pk)
    return render_page(request, "conversations/conversation_form.html", {"form": form})


def conversation_record_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = ConversationForm(
        posted(request),
        owner=owner,
        today=today,
        stage=ConversationStatus.HELD,
        initial=_initial(owner, today),
    )
    if request.method == "POST" and form.is_valid():
        conversation = conversation_record(owner=owner, **form.cleaned_data)
        messages.success(request, "Conversation recorded. Note what you agreed below.")
        return redirect("conversations:conversation", pk=conversation.pk)
    return render_page(
        request, "conversations/conversation_form.html", {"form": form, "recording": True}
    )


def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_of(request, pk)
    return render_page(
        request, "conversations/conversation_detail.html", detail_context(conversation)
    )


def conversation_record_planned(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    conversation = conversation_of(request, pk)
    if not conversation.is_planned:
        messages.error(request, "Only a planned conversation can be recorded; edit this one.")
        return redirect("conversations:conversation", pk=conversation.pk)
    form = ConversationForm(
        posted(request),
        owner=owner,
        today=today,
        stage=ConversationStatus.HELD,
        initial={
            "held_on": min(conversation.held_on, today),
            "supervisor": conversation.supervisor_id,
            "agenda": conversation.agenda,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            conversation_record(owner=owner, conversation=conversation, **form.cleaned_data)
        except ConversationError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Conversation recorded. Note what you agreed below.")
            return redirect("conversations:conversation", pk=conversation.pk)
    return render_page(
        request,
        "conversations/conversation_form.html",
        {"form": form, "conversation": conversation, "recording": True},
    )


def conversation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_of(request, pk)
    initial = {
        "held_on": conversation.held_on,
        "supervisor": conversation.supervisor_id,
        "agenda": conversation.agenda,
        "notes": conversation.notes,
        "private_notes": conversation.private_notes,
    }
    return conversation_edit_page(request, conversation, initial, saved="Saved.")


def conversation_edit_page(
    request: HttpRequest,
    conversation: DevelopmentConversation,
    initial: dict,
    *,
    saved: str,
    drafted: bool = False,
) -> HttpResponse:
    """The conversation's form: shown with `initial`, saved through conversation_update."""
    owner = owner_of(request)
    form = ConversationForm(
        posted(request),
        owner=owner,
        today=today_for(owner),
        stage=conversation.status,
        initial=initial,
        edited=conversation,
    )
    if drafted:
        form.fields["agenda"].widget.attrs["rows"] = AGENDA_ROWS
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                conversation_update(owner=owner, conversation=conversation, **form.cleaned_data)
        except (ConversationError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, saved)
            return redirect("conversations:conversation", pk=conversation.pk)
    return render_page(
        request,
        "conversations/conversation_form.html",
        {"form": form, "conversation": conversation, "editing": True, "drafted": drafted},
    )


@require_POST
def conversation_call_off(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    conversation = conversation_of(request, pk)
    try:
        conversation_cancel(owner=owner, conversation=conversation)
    except ConversationError as error:
        messages.error(request, f"Not cancelled: {error}.")
    else:
        messages.success(request, f"The conversation on {date_shown(conversation.held_on)} is off.")
    return redirect("conversations:conversation", pk=conversation.pk)


def conversation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    conversation = conversation_of(request, pk)
    if request.method == "POST":
        conversation_delete(owner=owner, conversation=conversation)
        messages.success(request, "Conversation deleted.")
        return redirect("conversations:conversations")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": conversation,
            "what": "conversation",
            "consequence": "Its agreed actions go with it; actions already in your plan stay.",
            "cancel_url": conversation.get_absolute_url(),
        },
    )
