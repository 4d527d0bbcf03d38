"""Forms for the direction pages; validation beyond field types lives in the services."""

from __future__ import annotations

from django import forms

from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput
from wayfinder.direction.models import CareerPath, Goal, GoalStatus, Horizon, Verdict


class AmbitionForm(forms.Form):
    problems = forms.CharField(
        label="What problems do I want to solve?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Think of the problems you would happily work on for years, not job titles.",
    )
    impact = forms.CharField(
        label="What impact do I want to have?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="On customers, on the organisation, on people you work with.",
    )
    more_of = forms.CharField(
        label="What do I want to do more of?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    less_of = forms.CharField(
        label="What do I want to do less of?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary = forms.CharField(
        label="My ambition in a sentence or two",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you would say when someone asks where your career is going.",
    )


class PathForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = CareerPath
        fields = ["title", "description", "research_notes", "learned_from_people"]
        labels = {
            "title": "Path",
            "description": "What it would mean for you",
            "learned_from_people": "What people who do this job told you",
        }
        help_texts = {
            "title": "A direction, e.g. 'Chief Revenue Officer', 'marketing operations', "
            "'coaching', 'founder'.",
            "research_notes": "What you read, watched or found out.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "research_notes": forms.Textarea(attrs={"rows": 4}),
            "learned_from_people": forms.Textarea(attrs={"rows": 4}),
        }


class PathDecisionForm(EditVersionMixin, forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ruling a path out needs a reason you would stand behind a year from now.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("verdict") == Verdict.RULED_OUT and not data.get("reason", "").strip():
            self.add_error("reason", "Say why you are ruling this path out.")
        return data


class GoalForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "horizon", "success_measure", "target_date", "description", "path"]
        labels = {"path": "Path it serves"}
        widgets = {
            "target_date": DateInput(),
            "success_measure": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["path"].queryset = CareerPath.objects.for_owner(owner)
        self.fields["path"].required = False
        self.fields["success_measure"].required = True


class GoalFilterForm(forms.Form):
    horizon = forms.ChoiceField(choices=[("", "All horizons"), *Horizon.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *GoalStatus.choices], required=False)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GoalStatus.choices)


class GoalCheckInForm(forms.Form):
    checked_on = forms.DateField(label="On", widget=DateInput())
    percent = forms.IntegerField(
        label="How far along (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="0 to 100. Leave it empty if you are recording a milestone only.",
    )
    milestone = forms.CharField(
        label="Milestone reached",
        required=False,
        max_length=200,
        help_text="A step on the way, in a few words: “First draft shared with my manager”.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What moved it, or what is in the way.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        nothing = cleaned.get("percent") is None and not cleaned.get("milestone", "").strip()
        if nothing and not self.errors:
            raise forms.ValidationError(
                "Say how far along the goal is, or name the milestone you reached."
            )
        return cleaned
