"""Forms for the plan pages; validation beyond field types lives in the services."""

from __future__ import annotations

from django import forms

from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput, QuickSelect
from wayfinder.direction.models import Goal
from wayfinder.experiments.models import Experiment
from wayfinder.network.models import Person
from wayfinder.plan.models import (
    ActionKind,
    ActionStatus,
    DevelopmentAction,
    Opportunity,
    OpportunityStatus,
)


def _goals(owner: Profile) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Goal.objects.for_owner(owner).order_by("title"),
        required=False,
        label="Goal it serves",
    )


class PlanForm(EditVersionMixin, forms.Form):
    title = forms.CharField(max_length=200)
    focus = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What this plan is mainly about right now, in a sentence or two.",
    )


class ActionForm(EditVersionMixin, forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="A concrete step, e.g. 'Present the Q3 pipeline review to the CRO'.",
    )
    kind = forms.ChoiceField(label="Type", choices=ActionKind.choices, initial=ActionKind.COURSE)
    skills = forms.CharField(
        required=False,
        help_text="The skills it builds, separated by commas, e.g. 'storytelling, forecasting'.",
    )
    due_on = forms.DateField(label="Due date", required=False, widget=DateInput())
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owner: Profile, action: DevelopmentAction | None = None, **kwargs):
        if action is not None:
            kwargs["initial"] = {
                "title": action.title,
                "kind": action.kind,
                "goal": action.goal_id,
                "skills": ", ".join(skill.name for skill in action.skills.all()),
                "due_on": action.due_on,
                "notes": action.notes,
                "evidence": action.evidence,
            }
        super().__init__(*args, **kwargs)
        self.fields["goal"] = _goals(owner)
        self.order_fields(["title", "kind", "goal", "skills", "due_on", "notes"])
        if action is not None:
            self.fields["evidence"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="What shows it was done: a link, a document, who saw it.",
            )

    def clean_skills(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["skills"].split(",") if name.strip()]


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *ActionStatus.choices], required=False)
    kind = forms.ChoiceField(
        label="Type", choices=[("", "Any type"), *ActionKind.choices], required=False
    )

    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"] = _goals(owner)
        self.fields["goal"].label = "Goal"
        self.fields["goal"].empty_label = "Any goal"


class CompleteForm(forms.Form):
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What shows it was done: a link, a document, who saw it.",
    )


class RescheduleForm(forms.Form):
    due_on = forms.DateField(label="New due date", widget=DateInput())


class RevisionForm(forms.Form):
    note = forms.CharField(
        label="What changed and why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A line for your future self: what you learned, what you dropped, what is new.",
    )


class OpportunityForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "title",
            "description",
            "kind",
            "source",
            "brought_by",
            "spotted_on",
            "goal",
            "experiment",
        ]
        labels = {
            "kind": "Type",
            "source": "Who it came from",
            "brought_by": "Brought by",
            "spotted_on": "Spotted on",
            "goal": "Goal it serves",
            "experiment": "Experiment it serves",
        }
        help_texts = {
            "title": "e.g. 'Join the pricing task force', 'Present the forecast to the board'.",
            "brought_by": "The person who told you about it, if anyone.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "spotted_on": DateInput(),
            "brought_by": QuickSelect,
        }

    def __init__(self, *args, owner: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brought_by"].queryset = Person.objects.for_owner(owner).order_by("name")
        self.fields["goal"].queryset = Goal.objects.for_owner(owner).order_by("title")
        self.fields["experiment"].queryset = Experiment.objects.for_owner(owner).order_by("title")


class OpportunityMoveForm(forms.Form):
    status = forms.ChoiceField(choices=OpportunityStatus.choices)
