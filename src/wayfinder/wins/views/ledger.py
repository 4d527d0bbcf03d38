"""Inline changes on a win's page: its metrics, collaborators and who knows about it."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.web import HtmxHttpRequest, owner_of, render_page
from wayfinder.wins.forms import CollaboratorsForm, MetricForm, TellForm
from wayfinder.wins.models import ImpactMetric, Win, WinAudience
from wayfinder.wins.services import (
    WinError,
    win_add_metric,
    win_remove_metric,
    win_set_collaborators,
    win_tell,
    win_untell,
)
from wayfinder.wins.views.wins import DETAIL, detail_context, win_of


def _block(
    request: HtmxHttpRequest, win: Win, block: str, done: str, **forms: Form
) -> HttpResponse:
    """htmx gets the changed block (with any errors in it); a plain post goes back to the
    page, or shows it again with the errors."""
    owner = owner_of(request)
    if request.htmx:
        return render_page(request, DETAIL, detail_context(owner, win, **forms), partial=block)
    if any(form.errors for form in forms.values()):
        return render_page(request, DETAIL, detail_context(owner, win, **forms))
    messages.success(request, done)
    return redirect(win)


@require_POST
def metric_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    form = MetricForm(request.POST)
    if form.is_valid():
        try:
            win_add_metric(owner=owner, win=win, **form.cleaned_data)
        except WinError as error:
            form.add_error(None, sentence(error))
        else:
            return _block(request, win, "metrics", "Metric added.")
    return _block(request, win, "metrics", "", metric_form=form)


@require_POST
def metric_remove(request: HtmxHttpRequest, pk: int, metric_pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    metric = get_object_or_404(ImpactMetric.objects.for_owner(owner), pk=metric_pk, win=win)
    win_remove_metric(owner=owner, metric=metric)
    return _block(request, win, "metrics", "Metric removed.")


@require_POST
def collaborators_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    form = CollaboratorsForm(request.POST, owner=owner)
    if form.is_valid():
        win_set_collaborators(owner=owner, win=win, people=list(form.cleaned_data["people"]))
        return _block(request, win, "collaborators", "Collaborators saved.")
    return _block(request, win, "collaborators", "", collaborators_form=form)


@require_POST
def audience_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    form = TellForm(request.POST, owner=owner)
    if form.is_valid():
        person = form.cleaned_data["person"]
        win_tell(owner=owner, win=win, person=person, told_on=form.cleaned_data["told_on"])
        return _block(request, win, "audience", f"Noted: {person.name} knows about this win.")
    return _block(request, win, "audience", "", tell_form=form)


@require_POST
def audience_remove(request: HtmxHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    told = WinAudience.objects.for_owner(owner).select_related("person")
    person = get_object_or_404(told, win=win, person_id=person_pk).person
    win_untell(owner=owner, win=win, person=person)
    return _block(request, win, "audience", f"{person.name} is off this win's audience.")
