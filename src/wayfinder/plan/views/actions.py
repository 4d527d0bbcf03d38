"""The living plan: its focus and development actions, added, edited and moved along."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import thresholds_for
from wayfinder.core.web import HtmxHttpRequest, owner_of, paginate, posted, render_page, today_for
from wayfinder.plan.forms import (
    ActionFilterForm,
    ActionForm,
    CompleteForm,
    PlanForm,
    RescheduleForm,
)
from wayfinder.plan.models import ActionStatus, DevelopmentAction, DevelopmentPlan
from wayfinder.plan.selectors import (
    action_list,
    action_order,
    actions_with_skills,
    overdue_actions,
    plan_collecting_dust,
    plan_days_since_revision,
    plan_unrevised_changes,
)
from wayfinder.plan.services import (
    PlanError,
    action_complete,
    action_create,
    action_delete,
    action_drop,
    action_reschedule,
    action_start,
    action_update,
    plan_update,
)

# The order a reader wants: what is moving, what is next, what is behind them.
GROUP_ORDER = (
    ActionStatus.IN_PROGRESS,
    ActionStatus.PLANNED,
    ActionStatus.DONE,
    ActionStatus.DROPPED,
)


# Applies one status change and says what happened, or raises PlanError.
StatusChange = Callable[[Profile, DevelopmentAction, dt.date], str]


def _action(request: HttpRequest, pk: int) -> DevelopmentAction:
    return get_object_or_404(
        DevelopmentAction.objects.for_owner(owner_of(request))
        .select_related("goal")
        .prefetch_related("skills"),
        pk=pk,
    )


# Without a status filter each group shows this many; "show all" pages through the rest.
GROUP_SHOWN = 25


@dataclass(frozen=True)
class ActionGroup:
    status: str
    label: str
    actions: list[DevelopmentAction]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.actions)


def _groups(actions: QuerySet[DevelopmentAction]) -> list[ActionGroup]:
    """Each status in plan order with its first actions, counted in one query; one query
    per status shown, and one for the skills of them all."""
    labels = dict(ActionStatus.choices)
    totals = dict(actions.order_by().values_list("status").annotate(n=Count("id")))
    firsts = actions.prefetch_related(None)
    groups = [
        ActionGroup(
            status,
            labels[status],
            list(firsts.filter(status=status).order_by(*action_order(status))[:GROUP_SHOWN]),
            total,
        )
        for status in GROUP_ORDER
        if (total := totals.get(status, 0))
    ]
    actions_with_skills([action for group in groups for action in group.actions])
    return groups


def _overdue_ids(owner: Profile, today: dt.date) -> set[int]:
    """The actions the page marks overdue (`overdue_actions`, the one rule), in one query."""
    return set(overdue_actions(owner=owner, today=today).values_list("pk", flat=True))


def plan(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    filters = ActionFilterForm(request.GET or None, owner=owner)
    chosen = {}
    if filters.is_valid():
        chosen = {name: value for name, value in filters.cleaned_data.items() if value}
    actions = action_list(owner=owner, **chosen)
    page = paginate(request, actions) if "status" in chosen else None
    days = plan_days_since_revision(owner=owner, today=today)
    dusty_after = thresholds_for(owner=owner).plan_revision_days
    unrevised = plan_unrevised_changes(owner=owner)
    return render_page(
        request,
        "plan/plan.html",
        {
            "plan": DevelopmentPlan.objects.for_owner(owner).first(),
            "groups": _groups(actions) if page is None else [],
            "page": page,
            "filters": filters,
            "filtered": bool(chosen),
            "today": today,
            "overdue": _overdue_ids(owner, today),
            "days_since_revision": days,
            "dusty": plan_collecting_dust(days_since_revision=days, after_days=dusty_after),
            "dusty_after": dusty_after,
            # Counts only: the page says how many changed, not how (the revise page does).
            "unrevised": unrevised,
        },
        partial="action-list",
    )


def plan_edit(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    current = DevelopmentPlan.objects.for_owner(owner).first()
    initial = {"title": current.title if current else "My development plan"}
    if current is not None:
        initial["focus"] = current.focus
    form = PlanForm(posted(request), initial=initial, edited=current)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                plan_update(owner=owner, **form.cleaned_data)
        except (PlanError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Your plan's focus is saved.")
            return redirect("plan:plan")
    return render_page(request, "plan/plan_form.html", {"form": form})


def action_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = ActionForm(posted(request), owner=owner)
    if request.method == "POST" and form.is_valid():
        try:
            action = action_create(owner=owner, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{action.title}” is on your plan.")
            return redirect(_row_url(action))
    return render_page(request, "plan/action_form.html", {"form": form})


def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    action = _action(request, pk)
    form = ActionForm(posted(request), owner=owner, action=action, edited=action)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                action_update(owner=owner, action=action, **form.cleaned_data)
        except (PlanError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(_row_url(action))
    return render_page(request, "plan/action_form.html", {"form": form, "action": action})


def action_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    action = _action(request, pk)
    if request.method == "POST":
        action_delete(owner=owner, action=action)
        messages.success(request, f"“{action.title}” is deleted.")
        return redirect("plan:plan")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": action,
            "what": "action",
            "cancel_url": _row_url(action),
            "consequence": "Revisions taken before keep it in their snapshots. "
            "To keep it in the record, drop it instead.",
        },
    )


def _row_url(action: DevelopmentAction) -> str:
    return f"{reverse('plan:plan')}#action-{action.pk}"


def _status_change(request: HtmxHttpRequest, pk: int, change: StatusChange) -> HttpResponse:
    """Apply a change; htmx gets the row back, a plain form a redirect to the row."""
    owner = owner_of(request)
    action = _action(request, pk)
    today = today_for(owner)
    error = done = None
    try:
        done = change(owner, action, today)
    except PlanError as problem:
        error = sentence(problem)
    if request.htmx:
        return render_page(
            request,
            "plan/plan.html",
            {
                "action": action,
                "today": today,
                "overdue": {action.pk} if action.is_overdue_on(today) else set(),
                "error": error,
            },
            partial="action-row",
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(_row_url(action))


@require_POST
def action_begin(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def start(owner: Profile, action: DevelopmentAction, today: dt.date) -> str:
        action_start(owner=owner, action=action)
        return f"“{action.title}” is in progress."

    return _status_change(request, pk, start)


@require_POST
def action_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    form = CompleteForm(request.POST)

    def complete(owner: Profile, action: DevelopmentAction, today: dt.date) -> str:
        if not form.is_valid():
            raise PlanError(f"the evidence cannot be kept: {form.errors['evidence'][0]}")
        action_complete(
            owner=owner, action=action, today=today, evidence=form.cleaned_data["evidence"]
        )
        return f"Well done: “{action.title}” is complete."

    return _status_change(request, pk, complete)


@require_POST
def action_abandon(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def drop(owner: Profile, action: DevelopmentAction, today: dt.date) -> str:
        action_drop(owner=owner, action=action)
        return f"“{action.title}” is dropped; it stays in the record."

    return _status_change(request, pk, drop)


@require_POST
def action_move_date(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    form = RescheduleForm(request.POST)

    def reschedule(owner: Profile, action: DevelopmentAction, today: dt.date) -> str:
        if not form.is_valid():
            raise PlanError("pick a new due date")
        action_reschedule(
            owner=owner, action=action, due_on=form.cleaned_data["due_on"], today=today
        )
        return f"“{action.title}” is now due {date_format(action.due_on, 'j M Y')}."

    return _status_change(request, pk, reschedule)
