"""Interactions: the list by kind and period, logging one with several people, corrections."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import HtmxHttpRequest, owner_of, paginate, posted, render_page, today_for
from wayfinder.network.forms import InteractionFilterForm, InteractionForm
from wayfinder.network.models import Interaction, InteractionKind, Person
from wayfinder.network.selectors import interaction_list
from wayfinder.network.services import (
    NetworkError,
    interaction_delete,
    interaction_log,
    interaction_update,
)


def _interaction(request: HttpRequest, pk: int) -> Interaction:
    return get_object_or_404(
        Interaction.objects.for_owner(owner_of(request)).prefetch_related("people"), pk=pk
    )


def interactions(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    filters = InteractionFilterForm(request.GET or None)
    kind = since = None
    if filters.is_valid():
        kind = filters.cleaned_data["kind"] or None
        if filters.cleaned_data["period"]:
            days = int(filters.cleaned_data["period"])
            since = today_for(owner) - dt.timedelta(days=days)
    return render_page(
        request,
        "network/interactions.html",
        {
            "interactions": paginate(
                request, interaction_list(owner=owner, since=since, kind=kind)
            ),
            "filters": filters,
            "filtered": bool(kind or since),
        },
        partial="interaction-list",
    )


# "Plan a conversation" (from the people you could approach) proposes a day a week ahead.
PLAN_AHEAD = dt.timedelta(days=7)


def interaction_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    planning = request.GET.get("plan") == "1"
    today = today_for(owner)
    initial = {
        "occurred_on": today + PLAN_AHEAD if planning else today,
        "people": request.GET.getlist("person"),
    }
    if request.GET.get("kind") in InteractionKind.values:
        initial["kind"] = request.GET["kind"]
    form = InteractionForm(posted(request), owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interaction = interaction_log(owner=owner, **{**data, "people": list(data["people"])})
        except NetworkError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Logged: {interaction}.")
            return redirect(interaction)
    # Who the conversation is planned with, named in the heading: the ticked box may sit
    # far down a long list.
    ids = [pk for pk in request.GET.getlist("person") if pk.isdigit()]
    planned_with = (
        list(Person.objects.for_owner(owner).filter(pk__in=ids).order_by("name", "id"))
        if planning and ids
        else []
    )
    return render_page(
        request,
        "network/interaction_form.html",
        {"form": form, "planning": planning, "planned_with": planned_with},
    )


def interaction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_page(
        request, "network/interaction_detail.html", {"interaction": _interaction(request, pk)}
    )


def interaction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    interaction = _interaction(request, pk)
    initial = {
        "people": list(interaction.people.all()),
        **{
            name: getattr(interaction, name)
            for name in ("occurred_on", "kind", "notes", "follow_ups", "follow_up_due")
        },
    }
    form = InteractionForm(posted(request), owner=owner, initial=initial, edited=interaction)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with form.unchanged_since_opened():
                interaction_update(
                    owner=owner,
                    interaction=interaction,
                    **{**data, "people": list(data["people"])},
                )
        except (NetworkError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(interaction)
    return render_page(
        request, "network/interaction_form.html", {"form": form, "interaction": interaction}
    )


def interaction_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    interaction = _interaction(request, pk)
    if request.method == "POST":
        interaction_delete(owner=owner, interaction=interaction)
        messages.success(request, f"{interaction} is deleted.")
        return redirect("network:interactions")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": interaction,
            "what": "interaction",
            "cancel_url": interaction.get_absolute_url(),
        },
    )
