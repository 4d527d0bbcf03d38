from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.db import models, transaction
from django.forms.utils import pretty_name

from wayfinder.core.models import Position, Profile
from wayfinder.core.widgets import DateInput


class StaleEdit(ValueError):
    """The object changed since its edit form was opened; saving would undo that change."""


class EditVersionMixin:
    """Optimistic concurrency for an edit form: no save silently undoes another's.

    Given `edited=` (the object as the form opens it), the form carries a hidden `version`:
    the object's `updated_at` and a short fingerprint of each field's value. The save runs
    inside `unchanged_since_opened()`, which locks the row and refuses, with the fields that
    changed (label: their value now), when `updated_at` moved on since the form was opened.
    The refused form keeps the person's input and carries the new version, so saving again
    goes through. A post with no version (an older page) is saved as before.

    A field kept outside the edited row (so its change does not move `updated_at`), listed
    in `unversioned_fields`, is compared by its fingerprint instead.
    """

    version_field = "version"
    unversioned_fields: tuple[str, ...] = ()

    def __init__(self, *args, edited: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edited = edited
        self.posted_version = ""
        if edited is not None:
            # Worked out when rendered: a subclass may set its initial values after this.
            self.fields[self.version_field] = forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                initial=lambda: self._version(edited.updated_at),
            )

    def _post_clean(self) -> None:
        super()._post_clean()
        # The version is the form's business, not the service's: it never reaches it.
        self.posted_version = self.cleaned_data.pop(self.version_field, "") or ""

    @contextmanager
    def unchanged_since_opened(self) -> Iterator[None]:
        """A transaction for the save, refused with StaleEdit if the object moved on."""
        with transaction.atomic():
            if self.edited is not None and self.posted_version:
                self._refuse_if_changed()
            yield

    def _refuse_if_changed(self) -> None:
        model = type(self.edited)
        now = (
            model._default_manager.select_for_update()
            .filter(pk=self.edited.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if now is None:
            raise StaleEdit("Not saved: this was deleted elsewhere since you opened it.")
        opened_at, opened = _parse_version(self.posted_version)
        if opened_at == now and not self._changed(opened, self.unversioned_fields):
            return
        # Saving again, after reading what changed, is a decision: let it through.
        data = self.data.copy()
        data[self.add_prefix(self.version_field)] = self._version(now)
        self.data = data
        changed = self._changed(opened, self._tracked())
        if not changed:
            raise StaleEdit(
                "Not saved: this was changed elsewhere since you opened it, though not in "
                "this form. Save again to keep your changes."
            )
        listed = "; ".join(f"{self._label(name)}: {self._shown(name)}" for name in changed)
        raise StaleEdit(
            f"Not saved: this was changed elsewhere since you opened it. Now: {listed}. "
            "Your changes are below: check them and save again to keep them."
        )

    def _changed(self, opened: dict[str, str], names) -> list[str]:
        return [name for name in names if opened.get(name) != self._fingerprint(name)]

    def _tracked(self) -> list[str]:
        return [name for name in self.fields if name != self.version_field]

    def _version(self, updated_at: dt.datetime) -> str:
        fields = ",".join(f"{name}:{self._fingerprint(name)}" for name in self._tracked())
        return f"{updated_at.isoformat()};{fields}"

    def _value(self, name: str):
        return self.get_initial_for_field(self.fields[name], name)

    def _fingerprint(self, name: str) -> str:
        value = self.fields[name].prepare_value(self._value(name))
        if isinstance(value, list | tuple):
            value = sorted(str(item) for item in value)
        return hashlib.blake2b(repr(value).encode(), digest_size=4).hexdigest()

    def _label(self, name: str) -> str:
        return str(self.fields[name].label or pretty_name(name))

    def _shown(self, name: str) -> str:
        """The field's value now, as a person reads it."""
        field, value = self.fields[name], self._value(name)
        if isinstance(field, forms.BooleanField):
            return "yes" if value else "no"
        if isinstance(field, forms.ModelMultipleChoiceField):
            text = ", ".join(str(item) for item in _objects(field, value or []))
        elif isinstance(field, forms.ModelChoiceField):
            found = _objects(field, [] if value in (None, "") else [value])
            text = str(found[0]) if found else ""
        elif isinstance(field, forms.ChoiceField):
            text = str(dict(_flat_choices(field.choices)).get(value, value or ""))
        elif isinstance(value, dt.date):
            text = value.isoformat()
        else:
            text = "" if value is None else str(value)
        text = " ".join(text.split())
        if len(text) > 80:
            text = text[:79] + "…"
        return f"“{text}”" if text else "(empty)"


def _parse_version(text: str) -> tuple[dt.datetime | None, dict[str, str]]:
    """The version a form was opened at; a mangled one counts as an unknown, old version."""
    at, _, fields = text.partition(";")
    try:
        opened_at = dt.datetime.fromisoformat(at)
    except ValueError:
        return None, {}
    pairs = (pair.partition(":") for pair in fields.split(",") if pair)
    return opened_at, {name: digest for name, _, digest in pairs}


def _objects(field: forms.ModelChoiceField, values) -> list:
    pks = [value.pk if isinstance(value, models.Model) else value for value in values]
    return list(field.queryset.filter(pk__in=pks)) if pks else []


def _flat_choices(choices) -> Iterator[tuple]:
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield key, label


class ProfileForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "current_title",
            "level",
            "seniority",
            "function",
            "organisation",
            "summary",
            "time_zone",
        ]
        labels = {
            "display_name": "Your name",
            "current_title": "Current title",
            "summary": "Résumé summary",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
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


class PositionForm(EditVersionMixin, forms.ModelForm):
    """A role in the owner's history, as the profile page and onboarding edit it."""

    class Meta:
        model = Position
        fields = [
            "title",
            "organisation",
            "location",
            "started_on",
            "ended_on",
            "summary",
            "highlight_wins",
        ]
        labels = {"title": "Title", "summary": "What the role was"}
        help_texts = {
            "organisation": "Leave empty for work on your own account.",
            "location": "Optional, e.g. London or Remote.",
            "summary": "Optional: a sentence or two on the scope, for your résumé.",
        }
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict:
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "The end date is before the start date.")
        return data
