"""The calendar feed's settings: what it holds and when conversations sit in the day."""

from __future__ import annotations

from typing import Any

from django import forms

from wayfinder.calendars.models import KIND_FIELDS, CalendarFeed
from wayfinder.core.forms import EditVersionMixin


class CalendarKindsForm(EditVersionMixin, forms.ModelForm):
    conversation_time = forms.TimeField(
        label="Conversations start at",
        help_text="Your conversations are recorded by day; the feed puts them at this time.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    class Meta:
        model = CalendarFeed
        fields = [*KIND_FIELDS.values(), "conversation_minutes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conversation_time"].initial = self.instance.conversation_time

    @property
    def kind_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in KIND_FIELDS.values()]

    @property
    def time_fields(self) -> list[forms.BoundField]:
        return [self["conversation_time"], self["conversation_minutes"]]

    def chosen_kinds(self) -> list[str]:
        return [kind for kind, name in KIND_FIELDS.items() if self.cleaned_data[name]]
