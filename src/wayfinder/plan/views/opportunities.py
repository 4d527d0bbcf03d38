"""Opportunities and stretch assignments: a pipeline from spotted to secured or declined."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.plan.forms import OpportunityForm, OpportunityMoveForm
from wayfinder.plan.models import Opportunity, OpportunityStatus
from wayfinder.plan.selectors import opportunity_pipeline
from wayfinder.plan.services import (
    PlanError,
    opportunity_create,
    opportunity_delete,
    opportunity_move,
    opportunity_update,
)


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.for_owner(owner_of(request)).select_related(
            "brought_by", "goal", "experiment"
        ),
        pk=pk,
    )


def _pipeline_context(request: HttpRequest) -> dict:
    stages = opportunity_pipeline(owner=owner_of(request))
    return {
        "stages": stages,
        "any": any(stage.opportunities for stage in stages),
        "statuses": OpportunityStatus.choices,
    }


def opportunities(request: HttpRequest) -> HttpResponse:
    return render_page(request, "plan/opportunities.html", _pipeline_context(request))


def opportunity_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = OpportunityForm(posted(request), owner=owner, initial={"spotted_on": today_for(owner)})
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = opportunity_create(owner=owner, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{opportunity.title}” is in your pipeline as spotted.")
            return redirect(opportunity)
    return render_page(request, "plan/opportunity_form.html", {"form": form})


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_page(
        request,
        "plan/opportunity_detail.html",
        {"opportunity": _opportunity(request, pk), "statuses": OpportunityStatus.choices},
    )


def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    opportunity = _opportunity(request, pk)
    form = OpportunityForm(posted(request), owner=owner, instance=opportunity, edited=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                opportunity_update(owner=owner, opportunity=opportunity, **form.cleaned_data)
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        except PlanError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(opportunity)
    return render_page(
        request, "plan/opportunity_form.html", {"form": form, "opportunity": opportunity}
    )


@require_POST
def opportunity_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    opportunity = _opportunity(request, pk)
    form = OpportunityMoveForm(request.POST)
    error = None
    if form.is_valid():
        try:
            opportunity_move(
                owner=owner,
                opportunity=opportunity,
                status=form.cleaned_data["status"],
                today=today_for(owner),
            )
        except PlanError as problem:
            error = sentence(problem)
    else:
        error = "Pick a stage of the pipeline."
    if request.htmx:
        # The card changes column, so the whole pipeline comes back.
        context = {**_pipeline_context(request), "error": error, "error_pk": opportunity.pk}
        return render_page(request, "plan/opportunities.html", context, partial="pipeline")
    if error:
        messages.error(request, error)
    else:
        label = opportunity.get_status_display().lower()
        messages.success(request, f"“{opportunity.title}” is now {label}.")
    return redirect(opportunity)


def opportunity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    opportunity = _opportunity(request, pk)
    if request.method == "POST":
        opportunity_delete(owner=owner, opportunity=opportunity)
        messages.success(request, f"“{opportunity.title}” is deleted.")
        return redirect("plan:opportunities")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": opportunity,
            "what": "opportunity",
            "cancel_url": opportunity.get_absolute_url(),
            "consequence": "If you turned it down, moving it to declined keeps the record.",
        },
    )
