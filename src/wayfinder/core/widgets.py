"""Form widgets shared by every app."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """A native date picker; it only understands ISO dates, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format="%Y-%m-%d")
