from __future__ import annotations

import zoneinfo

from django import forms

from wayfinder.core.models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "current_title",
            "level",
            "seniority",
            "function",
            "organisation",
            "time_zone",
        ]
        labels = {"display_name": "Your name", "current_title": "Current title"}
        help_texts = {
            "seniority": "Used to judge what support to expect, e.g. a sponsor from senior IC "
            "or manager level on.",
            "time_zone": "Dates and reminders follow this time zone, e.g. Europe/London.",
        }

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                f"{name!r} is not a time zone name; use one like Europe/London or America/New_York."
            )
        return name
