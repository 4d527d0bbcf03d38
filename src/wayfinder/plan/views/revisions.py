"""Plan revisions: take a dated snapshot, read one, set any two side by side."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, posted, render_page, today_for
from wayfinder.plan.forms import RevisionForm
from wayfinder.plan.models import PlanRevision
from wayfinder.plan.selectors import (
    plan_days_since_revision,
    plan_revision_diff,
    plan_revisions,
    plan_unrevised_changes,
)
from wayfinder.plan.services import PlanError, plan_revise
from wayfinder.plan.views.display import action_view, diff_view


def revisions(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    found = list(plan_revisions(owner=owner))
    return render_page(
        request,
        "plan/revisions.html",
        {
            "revisions": found,
            "compare_from": found[1].number if len(found) > 1 else None,
            "compare_to": found[0].number if found else None,
        },
    )


def revise(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = RevisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            revision = plan_revise(owner=owner, today=today, note=form.cleaned_data["note"])
        except PlanError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Revision {revision.number} of your plan is saved.")
            return redirect("plan:revision", number=revision.number)
    unrevised = plan_unrevised_changes(owner=owner)
    return render_page(
        request,
        "plan/revise.html",
        {
            "form": form,
            "days_since_revision": plan_days_since_revision(owner=owner, today=today),
            "unrevised": diff_view(unrevised) if unrevised is not None else None,
        },
    )


def revision_detail(request: HttpRequest, number: int) -> HttpResponse:
    revision = get_object_or_404(PlanRevision.objects.for_owner(owner_of(request)), number=number)
    snapshot = revision.snapshot
    return render_page(
        request,
        "plan/revision.html",
        {
            "revision": revision,
            "focus": snapshot.get("plan", {}).get("focus", ""),
            "actions": [action_view(action) for action in snapshot.get("actions", [])],
        },
    )


def revision_compare(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    try:
        numbers = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        messages.error(request, "Pick two revisions to compare.")
        return redirect("plan:revisions")
    found = PlanRevision.objects.for_owner(owner)
    first = get_object_or_404(found, number=numbers[0])
    second = get_object_or_404(found, number=numbers[1])
    compared = plan_revision_diff(older=first, newer=second)
    return render_page(
        request,
        "plan/revision_compare.html",
        {
            "older": compared.from_revision,
            "newer": compared.to_revision,
            "older_and_newer": [compared.from_revision, compared.to_revision],
            "diff": diff_view(compared.diff),
            "before_label": f"Revision {compared.from_revision.number}",
            "after_label": f"Revision {compared.to_revision.number}",
            "revisions": plan_revisions(owner=owner),
        },
    )
