"""Experiments: design a next step, run it with check-ins, conclude against the ambition."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.direction.selectors import ambition_current
from wayfinder.experiments.forms import CheckInForm, ConcludeForm, ExperimentForm
from wayfinder.experiments.models import Experiment, ExperimentStatus
from wayfinder.experiments.selectors import (
    experiment_adaptations,
    experiment_check_ins,
    experiment_list,
)
from wayfinder.experiments.services import (
    ExperimentError,
    experiment_check_in,
    experiment_conclude,
    experiment_delete,
    experiment_design,
    experiment_start,
    experiment_update,
)

# The list reads in the order a person acts: what is live, what is next, what was decided.
GROUP_ORDER = (ExperimentStatus.RUNNING, ExperimentStatus.DESIGNED, ExperimentStatus.CONCLUDED)
DEFAULT_TIME_BOX = dt.timedelta(weeks=8)
ADAPTED_SUFFIX = " (adapted)"


def _experiment(request: HttpRequest, pk: int) -> Experiment:
    return get_object_or_404(
        Experiment.objects.for_owner(owner_of(request)).select_related(
            "goal", "path", "adapted_from"
        ),
        pk=pk,
    )


def experiments(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    found = list(experiment_list(owner=owner))
    for experiment in found:
        experiment.past_time_box = experiment.is_past_time_box_on(today)
    labels = dict(ExperimentStatus.choices)
    groups = [
        (status, labels[status], [e for e in found if e.status == status]) for status in GROUP_ORDER
    ]
    return render_page(
        request,
        "experiments/experiments.html",
        {"groups": [group for group in groups if group[2]], "today": today},
    )


def _design_page(
    request: HttpRequest, initial: dict, adapted_from: Experiment | None = None
) -> HttpResponse:
    owner = owner_of(request)
    form = ExperimentForm(posted(request), owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            experiment = experiment_design(
                owner=owner, adapted_from=adapted_from, **form.cleaned_data
            )
        except ExperimentError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{experiment.title}” is designed. Start it when ready.")
            return redirect(experiment)
    return render_page(
        request, "experiments/experiment_form.html", {"form": form, "adapted_from": adapted_from}
    )


def experiment_new(request: HttpRequest) -> HttpResponse:
    today = today_for(owner_of(request))
    return _design_page(request, {"starts_on": today, "ends_on": today + DEFAULT_TIME_BOX})


def _ends_after(today: dt.date, box: dt.timedelta) -> dt.date:
    """The end of a time box as long as `box` from today; the default one if no calendar
    day is that far off."""
    try:
        return today + box
    except OverflowError:
        return today + DEFAULT_TIME_BOX


def experiment_adapt(request: HttpRequest, pk: int) -> HttpResponse:
    """Design the experiment that adapts a concluded one: its design to start from, a time
    box as long as the first, and a link back to it."""
    adapted = _experiment(request, pk)
    if not adapted.can_be_adapted:
        messages.error(request, "Only an experiment concluded with “Adapt” is adapted.")
        return redirect(adapted)
    today = today_for(owner_of(request))
    title_room = Experiment._meta.get_field("title").max_length - len(ADAPTED_SUFFIX)
    initial = {
        "title": adapted.title[:title_room] + ADAPTED_SUFFIX,
        "hypothesis": adapted.hypothesis,
        "signals": adapted.signals,
        "goal": adapted.goal_id,
        "path": adapted.path_id,
        "starts_on": today,
        "ends_on": _ends_after(today, adapted.ends_on - adapted.starts_on),
    }
    return _design_page(request, initial, adapted_from=adapted)


def _detail(request: HtmxHttpRequest, experiment: Experiment, check_in_form: CheckInForm, **extra):
    owner = owner_of(request)
    return render_page(
        request,
        "experiments/experiment_detail.html",
        {
            "experiment": experiment,
            "check_ins": experiment_check_ins(owner=owner, experiment=experiment),
            "form": check_in_form,
            "past_time_box": experiment.is_past_time_box_on(today_for(owner)),
            "adaptations": experiment_adaptations(owner=owner, experiment=experiment),
            **extra,
        },
        partial="check-ins" if request.method == "POST" else None,
    )


def experiment_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    experiment = _experiment(request, pk)
    form = CheckInForm(initial={"held_on": today_for(owner_of(request))})
    return _detail(request, experiment, form)


@require_POST
def experiment_check_in_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    experiment = _experiment(request, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            experiment_check_in(owner=owner, experiment=experiment, **form.cleaned_data)
        except ExperimentError as error:
            form.add_error(None, sentence(error))
        else:
            if not request.htmx:
                messages.success(request, "Check-in recorded.")
                return redirect(experiment)
            form = CheckInForm(initial={"held_on": today_for(owner)})
            return _detail(request, experiment, form, recorded=True)
    return _detail(request, experiment, form)


def experiment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    experiment = _experiment(request, pk)
    if experiment.status == ExperimentStatus.CONCLUDED:
        messages.error(request, "A concluded experiment keeps its design; design a new one.")
        return redirect(experiment)
    form = ExperimentForm(posted(request), owner=owner, instance=experiment, edited=experiment)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                experiment_update(owner=owner, experiment=experiment, **form.cleaned_data)
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        except ExperimentError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(experiment)
    return render_page(
        request, "experiments/experiment_form.html", {"form": form, "experiment": experiment}
    )


@require_POST
def experiment_begin(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    experiment = _experiment(request, pk)
    try:
        experiment_start(owner=owner, experiment=experiment, today=today_for(owner))
    except ExperimentError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"“{experiment.title}” is running. Check in as you go.")
    return redirect(experiment)


def experiment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    experiment = _experiment(request, pk)
    form = ConcludeForm(posted(request), experiment=experiment, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            experiment_conclude(
                owner=owner, experiment=experiment, today=today, **form.cleaned_data
            )
        except ExperimentError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Verdict recorded: {experiment.get_verdict_display()}.")
            if experiment.can_be_adapted:
                return redirect("experiments:experiment-adapt", pk=experiment.pk)
            return redirect(experiment)
    return render_page(
        request,
        "experiments/experiment_conclude.html",
        {
            "form": form,
            "experiment": experiment,
            "ambition": ambition_current(owner=owner),
            "check_ins": experiment_check_ins(owner=owner, experiment=experiment),
        },
    )


def experiment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    experiment = _experiment(request, pk)
    if request.method == "POST":
        experiment_delete(owner=owner, experiment=experiment)
        messages.success(request, f"“{experiment.title}” is deleted.")
        return redirect("experiments:experiments")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": experiment,
            "what": "experiment",
            "cancel_url": experiment.get_absolute_url(),
            "consequence": "Its check-ins go with it. An experiment you abandoned is worth "
            "keeping: conclude it instead, and the lesson stays.",
        },
    )
