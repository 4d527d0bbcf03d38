"""The guided first run; every step can be skipped, and the whole can be resumed later."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.models import Profile
from wayfinder.core.selectors import position_list
from wayfinder.core.services import OwnerError, position_create
from wayfinder.core.web import owner_of, posted, render_page, today_for
from wayfinder.direction.forms import AmbitionForm
from wayfinder.direction.models import Horizon
from wayfinder.direction.selectors import ambition_current
from wayfinder.direction.services import DirectionError, ambition_write, goal_create
from wayfinder.network.services import NetworkError
from wayfinder.onboarding.forms import (
    EarlierRoleForm,
    EarlierRoleFormSet,
    HorizonGoalForm,
    RoleForm,
)
from wayfinder.onboarding.services import (
    SKIPPED,
    STEPS,
    onboarding_finish,
    onboarding_role,
    onboarding_role_held,
)


def _after(request: HttpRequest, step: str) -> HttpResponse:
    index = STEPS.index(step)
    if index + 1 < len(STEPS):
        return redirect(f"onboarding:{STEPS[index + 1]}")
    return _finish(request)


def _finish(request: HttpRequest) -> HttpResponse:
    onboarding_finish(owner=owner_of(request), now=timezone.now())
    request.session.pop(SKIPPED, None)
    messages.success(request, "You are set up. Here is where things stand.")
    return redirect("home")


def _context(step: str, **extra) -> dict:
    return {"step": step, "steps": STEPS, "number": STEPS.index(step) + 1, **extra}


def role(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    held = onboarding_role_held(owner=owner)
    initial = {"started_on": held.started_on} if held else {}
    form = RoleForm(posted(request), instance=owner, edited=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            with form.unchanged_since_opened():
                onboarding_role(
                    owner=owner,
                    today=today_for(owner),
                    manager_name=data.pop("manager_name"),
                    manager_title=data.pop("manager_title"),
                    **data,
                )
        except NetworkError as error:
            form.add_error("manager_name", sentence(error))
        except OwnerError as error:
            form.add_error("started_on", sentence(error))
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        else:
            return _after(request, "role")
    return render_page(request, "onboarding/role.html", _context("role", form=form))


def _earlier_role_add(form: EarlierRoleForm, *, owner: Profile) -> None:
    try:
        position_create(owner=owner, today=today_for(owner), **form.cleaned_data)
    except OwnerError as error:
        form.add_error(None, sentence(error))
        raise


def history(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    formset = EarlierRoleFormSet(posted(request), prefix="roles")
    if request.method == "POST" and formset.is_valid():
        try:
            # All or none: a refused row says why, and none of the rows is written.
            with transaction.atomic():
                for form in formset:
                    if form.cleaned_data:
                        _earlier_role_add(form, owner=owner)
        except OwnerError:
            pass
        else:
            return _after(request, "history")
    return render_page(
        request,
        "onboarding/history.html",
        _context("history", formset=formset, positions=list(position_list(owner=owner))),
    )


def ambition(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    current = ambition_current(owner=owner)
    initial = {}
    if current is not None:
        initial = {field: getattr(current, field) for field in AmbitionForm.base_fields}
    form = AmbitionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            return _after(request, "ambition")
        try:
            ambition_write(owner=owner, today=today_for(owner), **form.cleaned_data)
        except DirectionError as error:
            form.add_error(None, sentence(error))
        else:
            return _after(request, "ambition")
    return render_page(request, "onboarding/ambition.html", _context("ambition", form=form))


def goals(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    forms = [HorizonGoalForm(posted(request), horizon=horizon) for horizon in Horizon.values]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            with transaction.atomic():
                for form in forms:
                    if form.cleaned_data["title"]:
                        goal_create(
                            owner=owner,
                            today=today_for(owner),
                            horizon=form.horizon,
                            **form.cleaned_data,
                        )
        except DirectionError as error:
            forms[0].add_error(None, sentence(error))
        else:
            return _after(request, "goals")
    return render_page(
        request,
        "onboarding/goals.html",
        _context("goals", forms=forms),
    )


@require_POST
def done(request: HttpRequest) -> HttpResponse:
    return _finish(request)


@require_POST
def skip(request: HttpRequest) -> HttpResponse:
    request.session[SKIPPED] = True
    messages.info(request, "Setup skipped for now. You can pick it up from the home page.")
    return redirect("home")
