"""A person's page: facts, roles, how recently met, the timeline, and logging in seconds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from wayfinder.core.errors import sentence
from wayfinder.core.models import Profile
from wayfinder.core.web import HtmxHttpRequest, owner_of, render_page, today_for
from wayfinder.network.forms import QuickLogForm, RoleAssignForm, RoleEndForm
from wayfinder.network.models import Person
from wayfinder.network.person_page import person_sections
from wayfinder.network.selectors import (
    contact_status,
    interactions_for_person,
    with_last_interaction,
)
from wayfinder.network.services import NetworkError, interaction_log, role_assign, role_end

TEMPLATE = "network/person_detail.html"


def _person(request: HttpRequest, pk: int) -> Person:
    owner = owner_of(request)
    people = with_last_interaction(Person.objects.for_owner(owner), today=today_for(owner))
    return get_object_or_404(people, pk=pk)


def _quick_log_form(owner: Profile) -> QuickLogForm:
    return QuickLogForm(initial={"occurred_on": today_for(owner)})


def _roles_context(
    person: Person, today: dt.date, role_form: RoleAssignForm | None = None
) -> dict[str, Any]:
    roles = list(person.roles.all())
    past = [r for r in roles if r.ended_on is not None and r.ended_on <= today]
    return {
        "person": person,
        "current_roles": [r for r in roles if r.is_held_on(today)],
        "past_roles": past,
        # Neither held nor over: a role that starts after today.
        "future_roles": [r for r in roles if not r.is_held_on(today) and r not in past],
        "role_form": role_form or RoleAssignForm(),
    }


def _page(request: HttpRequest, person: Person, **forms: Any) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    return render_page(
        request,
        TEMPLATE,
        {
            **_roles_context(person, today, forms.get("role_form")),
            "status": contact_status(owner=owner, person=person, today=today),
            "log_form": forms.get("log_form") or _quick_log_form(owner),
            "interactions": interactions_for_person(owner=owner, person=person),
            "sections": person_sections(owner=owner, person=person),
        },
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _person(request, pk))


@require_POST
def person_log(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Log an interaction with this person; htmx gets the new timeline entry to prepend."""
    owner = owner_of(request)
    person = _person(request, pk)
    form = QuickLogForm(request.POST)
    if form.is_valid():
        try:
            interaction = interaction_log(owner=owner, people=[person], **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, sentence(error))
        else:
            if not request.htmx:
                messages.success(request, f"Logged: {interaction} with {person.name}.")
                return redirect(person)
            person = _person(request, pk)
            return render_page(
                request,
                TEMPLATE,
                {
                    "person": person,
                    "interaction": interaction,
                    "status": contact_status(owner=owner, person=person, today=today_for(owner)),
                    "log_form": _quick_log_form(owner),
                },
                partial="logged",
            )
    if request.htmx:
        response = render_page(
            request, TEMPLATE, {"person": person, "log_form": form}, partial="quick-log"
        )
        return reswap(retarget(response, "#quick-log"), "outerHTML")
    return _page(request, person, log_form=form)


def _roles_response(
    request: HtmxHttpRequest,
    person: Person,
    *,
    form: RoleAssignForm | None = None,
    error: str = "",
    done: str = "",
) -> HttpResponse:
    """The roles block for htmx (errors inside it); otherwise back to the page."""
    if request.htmx:
        today = today_for(owner_of(request))
        context = {**_roles_context(person, today, form), "role_error": error}
        return render_page(request, TEMPLATE, context, partial="roles")
    if form is not None and form.errors:
        return _page(request, person, role_form=form)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(person)


@require_POST
def person_role_assign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    person = _person(request, pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        try:
            held = role_assign(owner=owner, person=person, **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, sentence(error))
        else:
            done = f"{person.name} is now your {held.get_role_display().lower()}."
            return _roles_response(request, person, done=done)
    return _roles_response(request, person, form=form)


@require_POST
def person_role_end(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    person = _person(request, pk)
    form = RoleEndForm(request.POST)
    if not form.is_valid():
        return _roles_response(request, person, error="Choose a role to end.")
    try:
        held = role_end(
            owner=owner, person=person, role=form.cleaned_data["role"], today=today_for(owner)
        )
    except NetworkError as error:
        return _roles_response(request, person, error=sentence(error))
    label = held.get_role_display().lower()
    return _roles_response(request, person, done=f"{person.name} is no longer your {label}.")
