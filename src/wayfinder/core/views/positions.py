"""The role history on the profile page: add, change and remove a role."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from wayfinder.core.errors import sentence
from wayfinder.core.forms import PositionForm, StaleEdit
from wayfinder.core.models import Position
from wayfinder.core.services import OwnerError, position_create, position_delete, position_update
from wayfinder.core.web import owner_of, posted, render_page, today_for

HISTORY = "core:profile"


def _position(request: HttpRequest, pk: int) -> Position:
    return get_object_or_404(Position.objects.for_owner(owner_of(request)), pk=pk)


def _history_url() -> str:
    return reverse(HISTORY) + "#roles"


def position_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = PositionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            position = position_create(owner=owner, today=today_for(owner), **form.cleaned_data)
        except OwnerError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{position}” is in your role history.")
            return redirect(_history_url())
    return render_page(request, "core/position_form.html", {"form": form})


def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    position = _position(request, pk)
    form = PositionForm(posted(request), instance=position, edited=position)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                position_update(
                    owner=owner, position=position, today=today_for(owner), **form.cleaned_data
                )
        except (OwnerError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{position}” is saved.")
            return redirect(_history_url())
    return render_page(request, "core/position_form.html", {"form": form, "position": position})


def position_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    position = _position(request, pk)
    if request.method == "POST":
        position_delete(owner=owner, position=position)
        messages.success(request, f"“{position}” is removed from your role history.")
        return redirect(_history_url())
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": position,
            "what": "role",
            "consequence": "Your wins from that time stay; the résumé no longer lists the role.",
            "cancel_url": _history_url(),
        },
    )
