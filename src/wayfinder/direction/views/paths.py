"""Paths considered: research, what people in the job said, a verdict with its reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.direction.forms import PathDecisionForm, PathForm
from wayfinder.direction.models import CareerPath, Verdict
from wayfinder.direction.selectors import path_warnings, paths_noted
from wayfinder.direction.services import (
    DirectionError,
    path_create,
    path_decide,
    path_delete,
    path_update,
)


def _path(request: HttpRequest, pk: int) -> CareerPath:
    return get_object_or_404(CareerPath.objects.for_owner(owner_of(request)), pk=pk)


def paths(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    verdict = request.GET.get("verdict") or None
    if verdict not in (None, *Verdict.values):
        verdict = None
    return render_page(
        request,
        "direction/paths.html",
        {
            "paths": paths_noted(owner=owner, verdict=verdict),
            "verdict": verdict or "",
            "verdicts": Verdict.choices,
        },
        partial="path-list",
    )


def path_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = PathForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            path = path_create(owner=owner, **form.cleaned_data)
        except DirectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{path.title}” is on your list of paths, kept open.")
            return redirect("direction:path", pk=path.pk)
    return render_page(request, "direction/path_form.html", {"form": form})


def path_detail(request: HttpRequest, pk: int) -> HttpResponse:
    path = _path(request, pk)
    return render_page(
        request,
        "direction/path_detail.html",
        {
            "path": path,
            "warnings": path_warnings(path),
            "goals": path.goals.all(),
        },
    )


def path_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    path = _path(request, pk)
    form = PathForm(posted(request), instance=path, edited=path)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                path_update(owner=owner, path=path, **form.cleaned_data)
        except (DirectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect("direction:path", pk=path.pk)
    return render_page(request, "direction/path_form.html", {"form": form, "path": path})


def path_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    path = _path(request, pk)
    form = PathDecisionForm(
        posted(request),
        initial={"verdict": path.verdict, "reason": path.verdict_reason},
        edited=path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                path_decide(
                    owner=owner,
                    path=path,
                    verdict=form.cleaned_data["verdict"],
                    reason=form.cleaned_data["reason"],
                    today=today_for(owner),
                )
        except (DirectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Verdict recorded: {path.get_verdict_display()}.")
            return redirect("direction:path", pk=path.pk)
    return render_page(request, "direction/path_verdict.html", {"form": form, "path": path})


def path_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    path = _path(request, pk)
    if request.method == "POST":
        path_delete(owner=owner, path=path)
        messages.success(request, f"“{path.title}” is deleted.")
        return redirect("direction:paths")
    return render_page(
        request,
        "core/confirm_delete.html",
        {"object": path, "what": "path", "cancel_url": path.get_absolute_url()},
    )
