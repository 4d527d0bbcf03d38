"""The web's forms, bound to an API payload: one home for each input rule.

The pages validate what a person types with their forms (a required field, a date on the
right side of today, a choice among the owner's own people, a time box to confirm) and the
services rely on it. The API binds its JSON body to the same form, so a rule is never
written twice: `cleaned(...)` gives the form's cleaned data, ready for the same service the
page calls, or raises ninja's ValidationError naming each bad field, which the API's error
handler turns into its 422 body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from ninja.errors import ValidationError

# The key Django files a form's own errors under (not one field's).
_FORM_WIDE = forms.forms.NON_FIELD_ERRORS


def cleaned(
    form_class: type[forms.BaseForm],
    payload: Mapping[str, Any],
    *,
    current: Mapping[str, Any] | None = None,
    **form_kwargs: Any,
) -> dict[str, Any]:
    """The cleaned data of `form_class` bound to `payload` (over `current`, the values an
    edited object holds now, so a partial update leaves the rest as it is).

    A form-wide error is reported under `body`; each field's under its name.
    """
    return bound(form_class, payload, current=current, **form_kwargs).cleaned_data


def bound(
    form_class: type[forms.BaseForm],
    payload: Mapping[str, Any],
    *,
    current: Mapping[str, Any] | None = None,
    **form_kwargs: Any,
) -> forms.BaseForm:
    """As `cleaned`, the valid form itself, for what it says beyond its data."""
    data = {**(current or {}), **{name: _form_value(value) for name, value in payload.items()}}
    # The current values are the form's initial ones too, as when the page opens it, so a
    # rule about a changed field (a date moved into the past) holds for the fields given.
    form = form_class(data=data, initial=current, **form_kwargs)
    unknown = [name for name in payload if name not in form.fields]
    if unknown:
        raise invalid({name: ["This field cannot be set here."] for name in unknown})
    if not form.is_valid():
        raise invalid(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    return form


def invalid(problems: Mapping[str, list[str]]) -> ValidationError:
    """The error that names each field of the body with what is wrong with it."""
    return ValidationError(
        [
            {
                "loc": ["body"] if name == _FORM_WIDE else ["body", name],
                "msg": message,
                "type": "value_error",
            }
            for name, messages in problems.items()
            for message in messages
        ]
    )


def _form_value(value: Any) -> Any:
    # A form reads an empty field as "", never None: JSON's null means "no value" too.
    return "" if value is None else value
