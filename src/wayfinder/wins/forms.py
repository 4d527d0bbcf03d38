"""Forms for wins, their metrics and the visibility ledger; the rules live in the services."""

from __future__ import annotations

from django import forms

from wayfinder.core import parsing
from wayfinder.core.errors import sentence
from wayfinder.core.fields import ModelMultipleChoiceField
from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput, FilterableCheckboxes, QuickSelect
from wayfinder.network.models import Person

WIN_PERIODS = [
    ("", "All time"),
    ("quarter", "This quarter"),
    ("6m", "Last 6 months"),
    ("year", "Last 12 months"),
    ("custom", "From … to …"),
]


def skill_names(text: str) -> list[str]:
    """'Negotiation, data storytelling' → ['Negotiation', 'data storytelling']."""
    return [name for name in (" ".join(part.split()) for part in text.split(",")) if name]


METRIC_HELP = "As you would write it: 30 %, $1.2M, 50K+, from 3.8 to 4.5."


def metric_read(form: forms.Form, prefix: str = "") -> None:
    """Read a metric's fields as people write them, through the parser quick capture uses.

    The value may carry its unit, its baseline and its period ("from $2.7M to $4.1M per
    year"); the other fields add what it leaves out. Afterwards the cleaned data holds
    the numbers in plain units ("$1.2M" is 1200000 "$"), as `wayfinder win` stores them.
    """
    data = form.cleaned_data
    names = {part: f"{prefix}{part}" for part in ("value", "unit", "baseline", "period")}
    value = (data.get(names["value"]) or "").strip()
    if not value or names["value"] in form.errors:
        return
    unit = (data.get(names["unit"]) or "").strip()
    baseline = (data.get(names["baseline"]) or "").strip()
    text = f"{value} {unit}" if unit else value
    try:
        if baseline:
            if parsing.metric_parse(text).baseline is not None:
                raise parsing.InputError("give the baseline once: in the value or in its field")
            text = f"from {baseline} to {text}"
        metric = parsing.metric_parse(text)
    except parsing.InputError as error:
        form.add_error(names["value"], sentence(error))
        return
    data[names["value"]] = metric.value
    data[names["unit"]] = metric.unit
    data[names["baseline"]] = metric.baseline
    data[names["period"]] = metric.period or (data.get(names["period"]) or "").strip()


class WinForm(EditVersionMixin, forms.Form):
    title = forms.CharField(
        label="What happened, in a line", max_length=300, help_text="The headline you would say."
    )
    occurred_on = forms.DateField(label="When", widget=DateInput())
    situation = forms.CharField(
        label="Situation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The challenge, and why it mattered.",
    )
    action = forms.CharField(
        label="What you did",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your part: the decisions you made, the people you brought along.",
    )
    result = forms.CharField(
        label="Result",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In numbers where you can: the work does not speak for itself.",
    )
    skills = forms.CharField(
        label="Skills shown",
        required=False,
        help_text="Separated by commas, e.g. negotiation, data storytelling.",
    )
    private_notes = forms.CharField(
        label="Private notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Only you ever see these: left out of the narrative, the agenda, resume.json "
            "and every share."
        ),
    )

    def clean_skills(self) -> list[str]:
        return skill_names(self.cleaned_data["skills"])


class WinCreateForm(WinForm):
    """A new win, with its first metric if there is one."""

    metric_value = forms.CharField(
        label="Metric", required=False, max_length=200, help_text=METRIC_HELP
    )
    metric_unit = forms.CharField(label="Unit", required=False, max_length=30)
    metric_baseline = forms.CharField(label="Baseline (before)", required=False, max_length=100)
    metric_period = forms.CharField(
        label="Over", required=False, max_length=100, help_text="e.g. per quarter."
    )

    METRIC_FIELDS = ("metric_value", "metric_unit", "metric_baseline", "metric_period")
    field_order = ["title", "occurred_on", "situation", "action", "result", *METRIC_FIELDS]

    def clean(self) -> dict:
        data = super().clean()
        extras = [name for name in self.METRIC_FIELDS[1:] if data.get(name) not in (None, "")]
        if not data.get("metric_value") and extras and "metric_value" not in self.errors:
            self.add_error("metric_value", "Give the number the unit, baseline or period go with.")
        metric_read(self, "metric_")
        if not data.get("metric_value") and "metric_value" not in self.errors:
            data["metric_value"] = None
        return data


class WinFilterForm(forms.Form):
    period = forms.ChoiceField(choices=WIN_PERIODS, required=False)
    since = forms.DateField(label="From", required=False, widget=DateInput())
    until = forms.DateField(label="To", required=False, widget=DateInput())
    skill = forms.ChoiceField(required=False)

    def __init__(self, *args, skills: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "Any skill"), *((s, s) for s in skills)]


class MetricForm(forms.Form):
    value = forms.CharField(max_length=200, help_text=METRIC_HELP)
    unit = forms.CharField(required=False, max_length=30)
    baseline = forms.CharField(label="Baseline", required=False, max_length=100)
    period = forms.CharField(label="Over", required=False, max_length=100)
    label = forms.CharField(label="What it measures", required=False, max_length=200)

    def clean(self) -> dict:
        data = super().clean()
        metric_read(self)
        return data


class _OwnPeopleForm(forms.Form):
    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.for_owner(owner).order_by("name", "id")
        for field in self.fields.values():
            if hasattr(field, "queryset"):
                field.queryset = people


class CollaboratorsForm(_OwnPeopleForm):
    people = ModelMultipleChoiceField(
        label="Choose collaborators",
        queryset=Person.objects.none(),
        required=False,
        widget=FilterableCheckboxes,
        help_text="Tick everyone who did it with you; untick to remove.",
    )


class TellForm(_OwnPeopleForm):
    person = forms.ModelChoiceField(
        label="Who knows",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        widget=QuickSelect,
    )
    told_on = forms.DateField(label="Told on", widget=DateInput())
