"""The owner's profile page (with the role history), and the health check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wayfinder.core.errors import sentence
from wayfinder.core.forms import ProfileForm, StaleEdit
from wayfinder.core.selectors import position_list
from wayfinder.core.services import profile_update
from wayfinder.core.web import posted


def profile(request: HttpRequest) -> HttpResponse:
    owner = request.user.profile
    form = ProfileForm(posted(request), instance=owner, edited=owner)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                profile_update(owner=owner, **form.cleaned_data)
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("core:profile")
    positions = list(position_list(owner=owner))
    return render(request, "core/profile.html", {"form": form, "positions": positions})


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the app answers, and touches no data."""
    return HttpResponse("ok\n", content_type="text/plain")
