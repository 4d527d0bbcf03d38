"""Forms for ladders, the owner's place on one, self-assessments and win tags."""

from __future__ import annotations

from django import forms

from wayfinder.advocacy.ladders import SAMPLES
from wayfinder.advocacy.models import Competency, CurrentRating, LadderLevel, TargetRating
from wayfinder.core.fields import ModelMultipleChoiceField
from wayfinder.wins.models import Win

MAX_UPLOAD = 1_000_000


class SampleForm(forms.Form):
    sample = forms.ChoiceField(label="Sample ladder", choices=list(SAMPLES.items()))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Ladder file (YAML or CSV)",
        help_text="The format is described in the ladders guide. CSV files need a name below.",
    )
    name = forms.CharField(label="Name (for a CSV file)", max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 1 MB; a ladder is much smaller.")
        return upload


class LevelChoiceForm(forms.Form):
    current_level = forms.ModelChoiceField(
        LadderLevel.objects.none(), label="Where you are now", required=False
    )
    target_level = forms.ModelChoiceField(
        LadderLevel.objects.none(), label="Where you aim to be next", required=False
    )

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("current_level", "target_level"):
            self.fields[name].queryset = levels


class AssessmentForm(forms.Form):
    competency = forms.ModelChoiceField(Competency.objects.none(), label="Competency")
    assessed_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    against_current = forms.ChoiceField(
        label="Against your current level", choices=CurrentRating.choices
    )
    against_target = forms.ChoiceField(
        label="Against your target level", choices=TargetRating.choices
    )
    evidence = ModelMultipleChoiceField(
        Win.objects.none(),
        label="Wins that show it",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, competencies=None, wins=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies
        self.fields["evidence"].queryset = wins


class CompareForm(forms.Form):
    then = forms.DateField(
        label="Then", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    now = forms.DateField(
        label="Now", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class WinCompetenciesForm(forms.Form):
    competencies = ModelMultipleChoiceField(
        Competency.objects.none(),
        label="Competencies this win shows",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, competencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = competencies
