"""The calendar feed's settings: what it holds and when conversations sit in the day."""

from __future__ import annotations

from django import forms

from wayfinder.calendars.models import KIND_FIELDS, CalendarFeed


class CalendarKindsForm(forms.ModelForm):
    class Meta:
        model = CalendarFeed
        fields = [*KIND_FIELDS.values(), "conversation_time", "conversation_minutes"]
        widgets = {"conversation_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    @property
    def kind_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in KIND_FIELDS.values()]

    @property
    def time_fields(self) -> list[forms.BoundField]:
        return [self["conversation_time"], self["conversation_minutes"]]

    def chosen_kinds(self) -> list[str]:
        return [kind for kind, name in KIND_FIELDS.items() if self.cleaned_data[name]]
