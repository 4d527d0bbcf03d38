"""Goals on three horizons, each with a success measure and a target date."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.dates import date_shown
from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.direction.forms import GoalCheckInForm, GoalFilterForm, GoalForm, GoalStatusForm
from wayfinder.direction.models import Goal, GoalCheckIn, GoalStatus, Horizon
from wayfinder.direction.selectors import goal_list, goals_with_progress
from wayfinder.direction.services import (
    DirectionError,
    goal_check_in_add,
    goal_check_in_delete,
    goal_create,
    goal_delete,
    goal_set_status,
    goal_update,
)


def _goal(request: HttpRequest, pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.for_owner(owner_of(request)).select_related("ambition", "path"), pk=pk
    )


def goals(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    filters = GoalFilterForm(request.GET or None)
    horizon = status = None
    if filters.is_valid():
        horizon = filters.cleaned_data["horizon"] or None
        status = filters.cleaned_data["status"] or None
    found = list(goals_with_progress(goal_list(owner=owner, horizon=horizon, status=status)))
    active = [goal for goal in goal_list(owner=owner, status=GoalStatus.ACTIVE)]
    missing = [
        (value, label)
        for value, label in Horizon.choices
        if not any(goal.horizon == value for goal in active)
    ]
    return render_page(
        request,
        "direction/goals.html",
        {
            "goals": found,
            "filters": filters,
            "filtered": bool(horizon or status),
            "missing_horizons": missing,
            "statuses": GoalStatus.choices,
        },
        partial="goal-list",
    )


def goal_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    initial = {"horizon": request.GET.get("horizon", Horizon.SHORT)}
    form = GoalForm(posted(request), owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            goal = goal_create(owner=owner, today=today_for(owner), **form.cleaned_data)
        except DirectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Goal “{goal.title}” is set.")
            return redirect("direction:goal", pk=goal.pk)
    return render_page(request, "direction/goal_form.html", {"form": form})


def _goal_page(request: HttpRequest, goal: Goal, form: GoalCheckInForm) -> HttpResponse:
    history = GoalCheckIn.objects.for_owner(owner_of(request)).filter(goal=goal)
    return render_page(
        request,
        "direction/goal_detail.html",
        {
            "goal": goal,
            "statuses": GoalStatus.choices,
            "check_in_form": form,
            "history": list(history.order_by("-checked_on", "-id")),
        },
    )


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    form = GoalCheckInForm(initial={"checked_on": today_for(owner_of(request))})
    return _goal_page(request, goal, form)


@require_POST
def goal_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    goal = _goal(request, pk)
    form = GoalCheckInForm(request.POST)
    if form.is_valid():
        try:
            check_in = goal_check_in_add(
                owner=owner, goal=goal, today=today_for(owner), **form.cleaned_data
            )
        except DirectionError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Progress recorded: {check_in.progress_text}.")
            return redirect("direction:goal", pk=goal.pk)
    return _goal_page(request, goal, form)


@require_POST
def goal_check_in_remove(request: HttpRequest, pk: int, check_in_pk: int) -> HttpResponse:
    owner = owner_of(request)
    goal = _goal(request, pk)
    check_in = get_object_or_404(
        GoalCheckIn.objects.for_owner(owner).filter(goal=goal), pk=check_in_pk
    )
    goal_check_in_delete(owner=owner, check_in=check_in)
    messages.success(request, f"The progress of {date_shown(check_in.checked_on)} is removed.")
    return redirect("direction:goal", pk=goal.pk)


def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    goal = _goal(request, pk)
    form = GoalForm(posted(request), instance=goal, owner=owner, edited=goal)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                goal_update(owner=owner, goal=goal, **form.cleaned_data)
        except (DirectionError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect("direction:goal", pk=goal.pk)
    return render_page(request, "direction/goal_form.html", {"form": form, "goal": goal})


@require_POST
def goal_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    goal = _goal(request, pk)
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        goal_set_status(
            owner=owner, goal=goal, status=form.cleaned_data["status"], today=today_for(owner)
        )
    if request.htmx:
        # The row shows the goal's latest progress, as the list does.
        row = goals_with_progress(Goal.objects.for_owner(owner).filter(pk=goal.pk)).get()
        return render_page(
            request,
            "direction/goals.html",
            {"goal": row, "statuses": GoalStatus.choices},
            partial="goal-row",
        )
    messages.success(request, f"“{goal.title}” is now {goal.get_status_display().lower()}.")
    return redirect("direction:goal", pk=goal.pk)


def goal_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    goal = _goal(request, pk)
    if request.method == "POST":
        goal_delete(owner=owner, goal=goal)
        messages.success(request, f"Goal “{goal.title}” is deleted.")
        return redirect("direction:goals")
    return render_page(
        request,
        "core/confirm_delete.html",
        {"object": goal, "what": "goal", "cancel_url": goal.get_absolute_url()},
    )
