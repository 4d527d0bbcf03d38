"""The guidance settings page: the owner's own thresholds and digest choices."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import owner_of, posted, render_page
from wayfinder.guidance.forms import GuidanceSettingsForm
from wayfinder.guidance.selectors import guidance_settings_for
from wayfinder.guidance.services import (
    SETTINGS_FIELDS,
    guidance_settings_reset,
    guidance_settings_update,
    owner_email_set,
)


def guidance_settings(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    if request.method == "POST" and "reset" in request.POST:
        guidance_settings_reset(owner=owner)
        messages.success(request, "Your thresholds are back to the defaults.")
        return redirect("guidance:settings")
    settings = guidance_settings_for(owner=owner)
    form = GuidanceSettingsForm(
        posted(request),
        instance=settings,
        initial={"email": owner.user.email},
        # Defaults not saved yet have no version to compare with.
        edited=settings if settings.pk else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                guidance_settings_update(
                    owner=owner, **{name: form.cleaned_data[name] for name in SETTINGS_FIELDS}
                )
                owner_email_set(owner=owner, email=form.cleaned_data["email"])
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(
                request, "Saved: your dashboard, this week's list and the digest follow them."
            )
            return redirect("guidance:settings")
    return render_page(request, "guidance/settings.html", {"form": form})
