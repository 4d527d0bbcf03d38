"""Self-assessment over time, the comparison of two dates, and readiness for the target."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.advocacy.forms import AssessmentForm, CompareForm
from wayfinder.advocacy.models import Competency
from wayfinder.advocacy.selectors import (
    EVIDENCE_DAYS,
    assessment_compare,
    assessment_dates,
    assessment_history,
    competencies_of_choice,
    criteria_to_assess,
    ladder_choice,
    readiness,
)
from wayfinder.advocacy.services import AdvocacyError, assessment_record, gap_to_action
from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, paginate, posted, render_page, today_for
from wayfinder.wins.models import Win


def readiness_view(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    choice, rows = readiness(owner=owner, today=today_for(owner))
    return render_page(
        request,
        "advocacy/readiness.html",
        {"choice": choice, "rows": rows, "gaps": sum(1 for row in rows if row.gaps)},
    )


@require_POST
def gap_action(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    competency = get_object_or_404(Competency.objects.for_owner(owner), pk=pk)
    choice = ladder_choice(owner=owner)
    if choice is None or choice.target_level is None or choice.ladder_id != competency.ladder_id:
        messages.error(request, "Choose a target level on this ladder first.")
        return redirect("advocacy:readiness")
    action, added = gap_to_action(owner=owner, competency=competency, target=choice.target_level)
    if added:
        messages.success(request, f"“{action.title}” is on your plan; give it a date there.")
    else:
        messages.info(request, f"“{action.title}” is already on your plan for this gap.")
    return redirect("advocacy:readiness")


def assessments(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    return render_page(
        request,
        "advocacy/assessments.html",
        {
            "page": paginate(request, assessment_history(owner=owner)),
            "dates": assessment_dates(owner=owner),
            "choice": ladder_choice(owner=owner),
        },
    )


def assessment_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    competencies = competencies_of_choice(owner=owner)
    initial = {"assessed_on": today, "competency": request.GET.get("competency")}
    chosen = (request.POST if request.method == "POST" else request.GET).get("competency", "")
    competency = competencies.filter(pk=chosen).first() if chosen.isdigit() else None
    form = AssessmentForm(
        posted(request),
        initial=initial,
        competencies=competencies,
        wins=Win.objects.for_owner(owner).filter(
            occurred_on__gte=today - dt.timedelta(days=EVIDENCE_DAYS)
        ),
        criteria=criteria_to_assess(owner=owner, competency=competency) if competency else (),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_record(owner=owner, **form.assessment())
        except AdvocacyError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Recorded your view of {assessment.competency.name}.")
            return redirect("advocacy:assessments")
    return render_page(
        request,
        "advocacy/assessment_form.html",
        {"form": form, "has_ladder": competencies.exists()},
    )


def assessment_compare_view(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    dates = assessment_dates(owner=owner)
    initial = {"then": dates[-1], "now": dates[0]} if dates else {}
    form = CompareForm(request.GET or None, initial=initial)
    rows = []
    then = now = None
    if form.is_valid():
        then, now = form.cleaned_data["then"], form.cleaned_data["now"]
    elif not request.GET and dates:
        then, now = dates[-1], dates[0]
    if then and now:
        rows = assessment_compare(owner=owner, then=then, now=now)
    return render_page(
        request,
        "advocacy/compare.html",
        {"form": form, "rows": rows, "then": then, "now": now, "dates": dates},
    )
