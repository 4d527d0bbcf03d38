"""Forms for the experiment pages; validation beyond field types lives in the services."""

from __future__ import annotations

import datetime as dt

from django import forms

from wayfinder.core.dates import date_shown
from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput
from wayfinder.direction.models import CareerPath, Goal
from wayfinder.experiments.models import Experiment
from wayfinder.experiments.services import (
    VERDICTS,
    conclusion_is_early,
    time_box_is_long,
)


def _confirm_field(label: str) -> forms.BooleanField:
    """A confirm checkbox that stays hidden until `_ask_to_confirm` shows it."""
    return forms.BooleanField(label=label, required=False, widget=forms.HiddenInput)


def _ask_to_confirm(form: forms.Form, name: str, question: str) -> None:
    """Refuse this post with `question`, showing the confirm box that answers it."""
    form.fields[name].widget = forms.CheckboxInput()
    form.add_error(name, question)


class ExperimentForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["title", "hypothesis", "starts_on", "ends_on", "signals", "goal", "path"]
        labels = {
            "starts_on": "Starts on",
            "ends_on": "Ends on",
            "signals": "Signals to watch",
            "goal": "Goal it serves",
            "path": "Path it tests",
        }
        help_texts = {
            "title": "A next step to try on, e.g. 'Lead the graduate cohort for a quarter'.",
            "starts_on": "The time box: long enough to learn something, short enough to stop.",
            "signals": "What would tell you it fits: energy, feedback, what you look forward to.",
        }
        widgets = {
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "signals": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    confirm_long = _confirm_field("Yes, keep a time box of more than a year")

    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.for_owner(owner).order_by("title")
        self.fields["path"].queryset = CareerPath.objects.for_owner(owner).order_by("title")

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The time box must end on or after the day it starts.")
        elif (
            starts_on
            and ends_on
            and time_box_is_long(starts_on, ends_on)
            and not data.get("confirm_long")
        ):
            _ask_to_confirm(
                self,
                "confirm_long",
                f"This time box runs {(ends_on - starts_on).days} days, over a year. An "
                "experiment tells you most in a few weeks or months: shorten it, or tick "
                "the box to keep it.",
            )
        data.pop("confirm_long", None)
        return data


class CheckInForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DateInput())
    notes = forms.CharField(
        label="How it went", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signals_observed = forms.CharField(
        label="Signals you noticed", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    energy = forms.TypedChoiceField(
        label="Energy",
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="1 drained you, 5 energised you.",
    )


class ConcludeForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=[(verdict.value, verdict.label) for verdict in VERDICTS],
        widget=forms.RadioSelect,
        help_text="Adopt it as your direction, adapt it into a new experiment, or abandon it.",
    )
    learnings = forms.CharField(
        label="What you learned", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    ambition_fit = forms.CharField(
        label="Judged against your ambition",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Does this move you toward the problems and impact you want, "
        "not only up the ladder?",
    )
    confirm_early = _confirm_field("Yes, conclude it before its time box ends")

    def __init__(self, *args, experiment: Experiment, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.experiment, self.today = experiment, today

    def clean(self) -> dict:
        data = super().clean()
        if conclusion_is_early(self.experiment, self.today) and not data.get("confirm_early"):
            left = (self.experiment.ends_on - self.today).days
            _ask_to_confirm(
                self,
                "confirm_early",
                f"Its time box runs to {date_shown(self.experiment.ends_on)}, {left} more "
                "days. Deciding early is fine when the signals are clear: tick the box to "
                "conclude now.",
            )
        data.pop("confirm_early", None)
        return data
