"""The win log: filter by period and skill, capture a win with its first number, complete it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.models import Profile
from wayfinder.core.web import HtmxHttpRequest, owner_of, paginate, posted, render_page, today_for
from wayfinder.network.selectors import influential_leaders
from wayfinder.wins.forms import (
    CollaboratorsForm,
    MetricForm,
    TellForm,
    WinCreateForm,
    WinFilterForm,
    WinForm,
)
from wayfinder.wins.models import Win, WinAudience
from wayfinder.wins.selectors import period_start, win_log, win_skill_names
from wayfinder.wins.services import MetricInput, WinError, win_create, win_delete, win_update

DETAIL = "wins/win_detail.html"


def win_of(request: HttpRequest, pk: int) -> Win:
    return get_object_or_404(
        Win.objects.for_owner(owner_of(request)).prefetch_related("skills"), pk=pk
    )


UNAWARE_SHOWN = 8


def detail_context(owner: Profile, win: Win, **forms: Any) -> dict[str, Any]:
    """Everything the win page and its inline blocks show; querysets stay lazy, so a block
    rendered alone costs only its own queries."""
    audience = WinAudience.objects.for_owner(owner).filter(win=win).select_related("person")
    today = today_for(owner)
    return {
        "win": win,
        "metrics": win.metrics.all(),
        "collaborators": win.collaborators.order_by("name"),
        "audience": audience,
        # The most senior few: a list of hundreds is no prompt to act.
        "unaware_leaders": influential_leaders(owner=owner, today=today).exclude(
            wins_known__win=win
        )[:UNAWARE_SHOWN],
        "metric_form": forms.get("metric_form") or MetricForm(),
        "collaborators_form": forms.get("collaborators_form")
        or CollaboratorsForm(owner=owner, initial={"people": win.collaborators.all()}),
        "tell_form": forms.get("tell_form") or TellForm(owner=owner, initial={"told_on": today}),
    }


def wins(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    filters = WinFilterForm(request.GET or None, skills=win_skill_names(owner=owner))
    since = until = skill = None
    if filters.is_valid():
        data = filters.cleaned_data
        if data["period"] == "custom" or (not data["period"] and (data["since"] or data["until"])):
            since, until = data["since"], data["until"]
        else:
            since = period_start(period=data["period"], today=today_for(owner))
        skill = data["skill"] or None
    return render_page(
        request,
        "wins/wins.html",
        {
            "wins": paginate(request, win_log(owner=owner, since=since, until=until, skill=skill)),
            "filters": filters,
            "filtered": bool(since or until or skill),
        },
        partial="win-list",
    )


def win_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = WinCreateForm(posted(request), initial={"occurred_on": today_for(owner)})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        metric = {name.removeprefix("metric_"): data.pop(name) for name in form.METRIC_FIELDS}
        metrics = []
        if metric["value"] is not None:
            metrics = [
                MetricInput(
                    value=metric["value"],
                    unit=metric["unit"].strip(),
                    baseline=metric["baseline"],
                    period=metric["period"].strip(),
                )
            ]
        try:
            win = win_create(owner=owner, metrics=metrics, **data)
        except WinError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Logged. Now: who should know about it?")
            return redirect(win)
    return render_page(request, "wins/win_form.html", {"form": form})


def win_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    return render_page(request, DETAIL, detail_context(owner, win_of(request, pk)))


def win_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    initial = {
        name: getattr(win, name)
        for name in ("title", "occurred_on", "situation", "action", "result", "private_notes")
    }
    initial["skills"] = ", ".join(skill.name for skill in win.skills.all())
    form = WinForm(posted(request), initial=initial, edited=win)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                win_update(owner=owner, win=win, **form.cleaned_data)
        except (WinError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(win)
    return render_page(request, "wins/win_form.html", {"form": form, "win": win})


def win_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    win = win_of(request, pk)
    if request.method == "POST":
        win_delete(owner=owner, win=win)
        messages.success(request, f"“{win.title}” is deleted.")
        return redirect("wins:wins")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": win,
            "what": "win",
            "cancel_url": win.get_absolute_url(),
            "consequence": "Its metrics and the record of who knows about it go too.",
        },
    )
