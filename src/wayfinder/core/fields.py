"""Form fields shared by the apps: Django's, holding up against any input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import connection


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id no integer column can hold as an invalid choice.

    Django filters with `pk__in` on whatever was posted, and SQLite raises OverflowError
    (a 500) for an integer beyond 64 bits; a number that big is simply not one of the
    choices.
    """

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.get_field(key) if key != "pk" else None
        field = field or self.queryset.model._meta.pk
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        for item in value if isinstance(value, list | tuple) else []:
            try:
                number = int(str(item))
            except ValueError:
                continue  # not a number at all: Django's own check says so
            if (low is not None and number < low) or (high is not None and number > high):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
