"""The owner's home and profile pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wayfinder.core.forms import ProfileForm
from wayfinder.core.selectors import record_counts
from wayfinder.core.services import profile_update
from wayfinder.core.web import posted


def home(request: HttpRequest) -> HttpResponse:
    from wayfinder.onboarding.services import onboarding_next_step
    from wayfinder.onboarding.views import SKIPPED

    owner = request.user.profile
    next_step = None if owner.onboarded_at else onboarding_next_step(owner=owner)
    if next_step and not request.session.get(SKIPPED):
        return redirect(f"onboarding:{next_step}")
    return render(
        request,
        "core/home.html",
        {"owner": owner, "counts": record_counts(owner=owner), "setup_step": next_step},
    )


def profile(request: HttpRequest) -> HttpResponse:
    owner = request.user.profile
    form = ProfileForm(posted(request), instance=owner)
    if request.method == "POST" and form.is_valid():
        profile_update(owner=owner, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("core:profile")
    return render(request, "core/profile.html", {"form": form})
