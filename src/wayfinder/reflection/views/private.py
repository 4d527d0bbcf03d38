"""Private notes and the backup plan: for the owner's eyes only, in nothing made for others."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import owner_of, posted, render_page
from wayfinder.reflection.forms import BackupPlanForm, PrivateNoteForm
from wayfinder.reflection.models import PrivateNote, PrivateNoteKind
from wayfinder.reflection.selectors import backup_plan, private_notes
from wayfinder.reflection.services import (
    ReflectionError,
    backup_plan_get_or_create,
    private_note_delete,
    private_note_update,
    private_note_write,
)


def _note(request: HttpRequest, pk: int) -> PrivateNote:
    return get_object_or_404(
        PrivateNote.objects.for_owner(owner_of(request)).filter(kind=PrivateNoteKind.NOTE), pk=pk
    )


def private_page(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    notes = list(private_notes(owner=owner))
    plan = next((note for note in notes if note.kind == PrivateNoteKind.BACKUP_PLAN), None)
    return render_page(
        request,
        "reflection/private.html",
        {"backup_plan": plan, "notes": [note for note in notes if note is not plan]},
    )


def backup_plan_page(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    existing = backup_plan(owner=owner)
    form = BackupPlanForm(
        posted(request), initial={"body": existing.body if existing else ""}, edited=existing
    )
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                plan = backup_plan_get_or_create(owner=owner)
                private_note_update(owner=owner, note=plan, body=form.cleaned_data["body"])
        except (ReflectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Backup plan saved, for your eyes only.")
            return redirect("reflection:backup-plan")
    return render_page(
        request, "reflection/backup_plan.html", {"form": form, "backup_plan": existing}
    )


def note_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = PrivateNoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            note = private_note_write(owner=owner, **form.cleaned_data)
        except ReflectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Private note kept.")
            return redirect(note)
    return render_page(request, "reflection/note_form.html", {"form": form})


def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_page(request, "reflection/note_detail.html", {"note": _note(request, pk)})


def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    note = _note(request, pk)
    form = PrivateNoteForm(
        posted(request), initial={"title": note.title, "body": note.body}, edited=note
    )
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                private_note_update(owner=owner, note=note, **form.cleaned_data)
        except (ReflectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(note)
    return render_page(request, "reflection/note_form.html", {"form": form, "note": note})


def note_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    note = _note(request, pk)
    if request.method == "POST":
        private_note_delete(owner=owner, note=note)
        messages.success(request, "Private note deleted.")
        return redirect("reflection:private")
    return render_page(
        request,
        "core/confirm_delete.html",
        {"object": note, "what": "private note", "cancel_url": note.get_absolute_url()},
    )
