"""The journal: every answer to a coaching question, and free entries, newest first."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.reflection.forms import JournalEntryForm, JournalFilterForm
from wayfinder.reflection.models import JournalEntry
from wayfinder.reflection.questions import BY_KEY, questions_about
from wayfinder.reflection.selectors import journal
from wayfinder.reflection.services import (
    ReflectionError,
    journal_answer,
    journal_delete,
    journal_update,
)


def _entry(request: HttpRequest, pk: int) -> JournalEntry:
    return get_object_or_404(
        JournalEntry.objects.for_owner(owner_of(request)).select_related("review"), pk=pk
    )


def journal_page(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    filters = JournalFilterForm(request.GET or None)
    keys = None
    if filters.is_valid():
        question = filters.cleaned_data["question"]
        practice = filters.cleaned_data["practice"]
        if practice:
            keys = {q.key for q in questions_about(practice)}
        if question:
            keys = {question} if keys is None else keys & {question}
    return render_page(
        request,
        "reflection/journal.html",
        {
            "entries": list(journal(owner=owner, question_keys=keys)),
            "filters": filters,
            "filtered": keys is not None,
        },
        partial="journal-list",
    )


def entry_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    asked = request.GET.get("question", "")
    form = JournalEntryForm(
        posted(request),
        initial={"question_key": asked if asked in BY_KEY else "", "written_on": today_for(owner)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = journal_answer(
                owner=owner,
                answer=data["answer"],
                written_on=data["written_on"],
                question_key=data["question_key"],
                question=form.question_text(),
                is_private=data["is_private"],
            )
        except ReflectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Kept in your journal.")
            return redirect(entry)
    return render_page(request, "reflection/entry_form.html", {"form": form})


def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    question = BY_KEY.get(entry.question_key)
    return render_page(
        request, "reflection/entry_detail.html", {"entry": entry, "library_question": question}
    )


def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    entry = _entry(request, pk)
    form = JournalEntryForm(
        posted(request),
        keep_question=(entry.question_key, entry.question) if entry.question_key else None,
        initial={
            "question_key": entry.question_key,
            "answer": entry.answer,
            "written_on": entry.written_on,
            "is_private": entry.is_private,
        },
        edited=entry,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with form.unchanged_since_opened():
                journal_update(
                    owner=owner,
                    entry=entry,
                    answer=data["answer"],
                    written_on=data["written_on"],
                    question_key=data["question_key"],
                    question=form.question_text(),
                    is_private=data["is_private"],
                )
        except (ReflectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(entry)
    return render_page(request, "reflection/entry_form.html", {"form": form, "entry": entry})


def entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    entry = _entry(request, pk)
    if request.method == "POST":
        journal_delete(owner=owner, entry=entry)
        messages.success(request, "Journal entry deleted.")
        return redirect("reflection:journal")
    return render_page(
        request,
        "core/confirm_delete.html",
        {"object": entry, "what": "journal entry", "cancel_url": entry.get_absolute_url()},
    )
