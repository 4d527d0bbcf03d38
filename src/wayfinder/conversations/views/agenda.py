"""The agenda drafted from the record, and a conversation exported as Markdown."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from wayfinder.conversations.agenda import agenda_draft, agenda_markdown, conversation_markdown
from wayfinder.conversations.views.conversations import conversation_edit_page, conversation_of
from wayfinder.core.web import owner_of, today_for


def conversation_agenda_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The planned conversation's form with the agenda drafted afresh: nothing is saved
    until the owner has read, edited and saved it."""
    owner = owner_of(request)
    today = today_for(owner)
    conversation = conversation_of(request, pk)
    if not conversation.is_planned:
        messages.error(request, "An agenda is drafted for a planned conversation only.")
        return redirect("conversations:conversation", pk=conversation.pk)
    initial = {"held_on": conversation.held_on, "supervisor": conversation.supervisor_id}
    if request.method != "POST":
        initial["agenda"] = agenda_markdown(
            agenda_draft(owner=owner, today=today, conversation=conversation)
        )
    return conversation_edit_page(
        request, conversation, initial, saved="Agenda saved.", drafted=True
    )


def conversation_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda, notes and agreed actions as a Markdown download; never the private notes."""
    conversation = conversation_of(request, pk)
    response = HttpResponse(
        conversation_markdown(conversation), content_type="text/markdown; charset=utf-8"
    )
    filename = f"conversation-{conversation.held_on.isoformat()}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
