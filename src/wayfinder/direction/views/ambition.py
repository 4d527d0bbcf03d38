"""The ambition: the current version, its history, writing a new version, comparing two."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, posted, render_page, today_for
from wayfinder.direction.forms import AmbitionForm
from wayfinder.direction.models import AmbitionStatement
from wayfinder.direction.selectors import ambition_current, ambition_diff, ambition_history
from wayfinder.direction.services import DirectionError, ambition_review, ambition_write


def ambition(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    history = list(ambition_history(owner=owner))
    return render_page(
        request,
        "direction/ambition.html",
        {
            "current": history[0] if history else None,
            "history": history,
            "today": today_for(owner),
        },
    )


def ambition_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    current = ambition_current(owner=owner)
    initial = {}
    if current is not None:
        initial = {field: getattr(current, field) for field in AmbitionForm.base_fields}
    form = AmbitionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = ambition_write(owner=owner, today=today_for(owner), **form.cleaned_data)
        except DirectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Version {version.version} of your ambition is saved.")
            return redirect("direction:ambition")
    return render_page(request, "direction/ambition_form.html", {"form": form, "current": current})


def ambition_version(request: HttpRequest, version: int) -> HttpResponse:
    owner = owner_of(request)
    statement = get_object_or_404(AmbitionStatement.objects.for_owner(owner), version=version)
    return render_page(request, "direction/ambition_version.html", {"statement": statement})


def ambition_compare(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    versions = AmbitionStatement.objects.for_owner(owner)
    try:
        numbers = sorted({int(request.GET["from"]), int(request.GET["to"])})
    except (KeyError, ValueError):
        messages.error(request, "Pick two versions to compare.")
        return redirect("direction:ambition")
    older = get_object_or_404(versions, version=numbers[0])
    newer = get_object_or_404(versions, version=numbers[-1])
    return render_page(
        request,
        "direction/ambition_compare.html",
        {"older": older, "newer": newer, "diff": ambition_diff(older=older, newer=newer)},
    )


@require_POST
def ambition_mark_reviewed(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    try:
        statement = ambition_review(owner=owner, today=today_for(owner))
    except DirectionError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"Noted: version {statement.version} still holds as of today.")
    return redirect("direction:ambition")
