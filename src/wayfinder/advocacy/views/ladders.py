"""Ladders: import a sample or a file, read it, choose your current and target level."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from wayfinder.advocacy.forms import LevelChoiceForm, SampleForm, UploadForm, WinCompetenciesForm
from wayfinder.advocacy.guide import ladders_guide_html
from wayfinder.advocacy.ladders import (
    SAMPLES,
    LadderFileError,
    ladder_parse_files,
    ladder_sample,
    warning_lines,
)
from wayfinder.advocacy.models import Ladder
from wayfinder.advocacy.selectors import (
    competencies_of_choice,
    ladder_choice,
    ladder_grid,
    ladder_levels,
    ladder_list,
)
from wayfinder.advocacy.services import (
    AdvocacyError,
    ladder_choose,
    ladder_delete,
    ladder_import,
    win_competencies_set,
)
from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, posted, render_page
from wayfinder.wins.models import Win


def _ladder(request: HttpRequest, pk: int) -> Ladder:
    return get_object_or_404(Ladder.objects.for_owner(owner_of(request)), pk=pk)


def _ladders_page(request, *, sample_form=None, upload_form=None, status=200) -> HttpResponse:
    owner = owner_of(request)
    return render_page(
        request,
        "advocacy/ladders.html",
        {
            "ladders": ladder_list(owner=owner),
            "choice": ladder_choice(owner=owner),
            "sample_form": sample_form or SampleForm(),
            "upload_form": upload_form or UploadForm(),
        },
        status=status,
    )


def ladders(request: HttpRequest) -> HttpResponse:
    return _ladders_page(request)


def ladder_sample_import(request: HttpRequest) -> HttpResponse:
    form = SampleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["sample"]
        try:
            ladder = ladder_import(
                owner=owner_of(request), spec=ladder_sample(key), source=f"sample: {key}"
            )
        except AdvocacyError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"The {ladder.name} ladder is yours to measure against.")
            return redirect("advocacy:ladder", pk=ladder.pk)
    if request.method != "POST":
        return redirect("advocacy:ladders")
    return _ladders_page(request, sample_form=form, status=400)


def ladder_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["file"]
        files = [(PurePath(upload.name).name, upload.read()) for upload in uploads]
        source = ", ".join(filename for filename, _ in files)
        try:
            spec = ladder_parse_files(files, name=form.cleaned_data["name"])
            ladder = ladder_import(
                owner=owner_of(request),
                spec=spec,
                source=source,
                replace=form.cleaned_data["replace"],
            )
        except LadderFileError as error:
            form.add_error("file", sentence(error))
        except AdvocacyError as error:
            form.add_error("replace", sentence(error))
        else:
            messages.success(request, f"Imported the {ladder.name} ladder from {source}.")
            for warning in warning_lines(spec):
                messages.warning(request, f"Left out: {warning}")
            return redirect("advocacy:ladder", pk=ladder.pk)
    if request.method != "POST":
        return redirect("advocacy:ladders")
    return _ladders_page(request, upload_form=form, status=400)


def ladder_guide(request: HttpRequest) -> HttpResponse:
    """The ladders guide (docs/ladders.md), served by the app next to the upload form."""
    return render_page(
        request,
        "advocacy/ladder_guide.html",
        {"guide": ladders_guide_html(), "samples": SAMPLES},
    )


def ladder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    ladder = _ladder(request, pk)
    levels, rows = ladder_grid(owner=owner, ladder=ladder)
    choice = ladder_choice(owner=owner)
    chosen = choice if choice and choice.ladder_id == ladder.pk else None
    initial = (
        {"current_level": chosen.current_level_id, "target_level": chosen.target_level_id}
        if chosen
        else {}
    )
    form = LevelChoiceForm(
        posted(request), initial=initial, levels=ladder_levels(owner=owner, ladder=ladder)
    )
    if request.method == "POST" and form.is_valid():
        try:
            ladder_choose(owner=owner, ladder=ladder, **form.cleaned_data)
        except AdvocacyError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"You now measure yourself against {ladder.name}.")
            return redirect("advocacy:readiness")
    return render_page(
        request,
        "advocacy/ladder_detail.html",
        {"ladder": ladder, "levels": levels, "rows": rows, "form": form, "chosen": chosen},
    )


def ladder_remove(request: HttpRequest, pk: int) -> HttpResponse:
    ladder = _ladder(request, pk)
    if request.method == "POST":
        ladder_delete(owner=owner_of(request), ladder=ladder)
        messages.success(request, f"Deleted the {ladder.name} ladder.")
        return redirect("advocacy:ladders")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "what": "ladder",
            "object": ladder,
            "consequence": "Its self-assessments and competency tags on wins go with it.",
            "cancel_url": reverse("advocacy:ladder", args=[ladder.pk]),
        },
    )


def win_competencies(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = get_object_or_404(Win.objects.for_owner(owner), pk=pk)
    competencies = competencies_of_choice(owner=owner)
    form = WinCompetenciesForm(
        posted(request),
        initial={"competencies": list(win.competencies.values_list("pk", flat=True))},
        competencies=competencies,
    )
    if request.method == "POST" and form.is_valid():
        win_competencies_set(owner=owner, win=win, competencies=form.cleaned_data["competencies"])
        messages.success(request, "Saved the competencies this win shows.")
        return redirect(win)
    return render_page(
        request,
        "advocacy/win_competencies.html",
        {"win": win, "form": form, "has_ladder": competencies.exists()},
    )
