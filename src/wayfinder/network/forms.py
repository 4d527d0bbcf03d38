"""Forms for people, their roles and interactions; the rules themselves live in the services."""

from __future__ import annotations

from django import forms

from wayfinder.core.fields import ModelMultipleChoiceField
from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput, FilterableCheckboxes
from wayfinder.network.models import InteractionKind, Person, Role
from wayfinder.network.services import LEVEL_MAX, LEVEL_MIN

LEVEL_NAMES = {2: "skip-level", 1: "your manager's level", 0: "your level", -1: "your reports"}


def level_label(level: int) -> str:
    sign = "+" if level > 0 else ""
    name = LEVEL_NAMES.get(level)
    return f"{sign}{level} ({name})" if name else f"{sign}{level}"


LEVEL_CHOICES = [(level, level_label(level)) for level in range(LEVEL_MAX, LEVEL_MIN - 1, -1)]

# Periods the interaction list can be narrowed to, in days back from today.
INTERACTION_PERIODS = [("30", "Last 30 days"), ("90", "Last 90 days"), ("365", "Last 12 months")]


class PersonForm(EditVersionMixin, forms.ModelForm):
    relative_level = forms.TypedChoiceField(
        label="Level relative to you",
        choices=LEVEL_CHOICES,
        coerce=int,
        initial=0,
        help_text="You are 0; your manager +1, skip-level +2, peers 0, reports -1.",
    )
    url = forms.URLField(
        label="Profile URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Their LinkedIn or web page.",
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "title",
            "organisation",
            "function",
            "relative_level",
            "influence",
            "cadence_days",
            "email",
            "url",
            "notes",
            "private_notes",
        ]
        labels = {
            "function": "Function",
            "influence": "Influence on your career",
            "cadence_days": "Keep in touch every (days)",
        }
        help_texts = {
            "function": "e.g. Sales, Finance, Engineering: the grid has a column per function.",
            "private_notes": (
                "Only you ever see these: left out of the narrative, the agenda and resume.json."
            ),
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "private_notes": forms.Textarea(attrs={"rows": 3}),
        }


class PeopleFilterForm(forms.Form):
    role = forms.ChoiceField(choices=[("", "Any role"), *Role.choices], required=False)
    level = forms.TypedChoiceField(
        choices=[("", "Any level"), *LEVEL_CHOICES], coerce=int, empty_value=None, required=False
    )
    function = forms.ChoiceField(required=False)
    archived = forms.BooleanField(label="Include archived", required=False)

    def __init__(self, *args, functions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = [("", "Any function"), *((f, f) for f in functions)]


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    started_on = forms.DateField(label="Since", required=False, widget=DateInput())


class RoleEndForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class QuickLogForm(forms.Form):
    """The few fields that make logging an interaction from a person's page take seconds."""

    occurred_on = forms.DateField(label="When", widget=DateInput())
    kind = forms.ChoiceField(choices=InteractionKind.choices, initial=InteractionKind.COFFEE)
    notes = forms.CharField(
        label="What you talked about",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_ups = forms.CharField(
        label="Follow-ups",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you promised, or want to come back to.",
    )


class InteractionForm(EditVersionMixin, QuickLogForm):
    people = ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        widget=FilterableCheckboxes,
        help_text="Tick one or more of your people.",
    )
    follow_up_due = forms.DateField(label="Follow up by", required=False, widget=DateInput())

    field_order = ["people", "occurred_on", "kind", "notes", "follow_ups", "follow_up_due"]

    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.for_owner(owner).order_by("name", "id")
        self.fields["people"].widget.attrs["size"] = 8


class InteractionFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Any kind"), *InteractionKind.choices], required=False)
    period = forms.ChoiceField(choices=[("", "All time"), *INTERACTION_PERIODS], required=False)
