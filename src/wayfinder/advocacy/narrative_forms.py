"""Forms for the narrative pages; the rules live in narrative_services."""

from __future__ import annotations

from django import forms

from wayfinder.advocacy.models import Audience
from wayfinder.core.widgets import DateInput


class NarrativeNewForm(forms.Form):
    audience = forms.ChoiceField(
        label="Who will read it?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        help_text="A committee reads impact first and level language; a sponsor a short version.",
    )
    period_start = forms.DateField(label="Wins from", widget=DateInput())
    period_end = forms.DateField(label="Wins until", widget=DateInput())
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        help_text="Leave empty for a title that suits the audience.",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period has to end on or after its start.")
        return data


class NarrativeEditForm(forms.Form):
    body = forms.CharField(
        label="Your narrative (Markdown)",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "class": "narrative-editor"}),
        help_text="# for headings, - for bullets, **bold**. Saving keeps the earlier versions.",
    )
    note = forms.CharField(label="What changed (optional)", required=False, max_length=200)
