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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


MAX_FILES = 30


class UploadForm(forms.Form):
    file = MultipleFileField(
        label="Ladder files",
        help_text=(
            "YAML, Markdown with front matter, or CSV, as your company publishes it. "
            "Choose several files for one CSV per level, one Markdown file per track, "
            "or YAML data files that link levels and competencies by id."
        ),
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        required=False,
        help_text="Leave it empty to use the name in the file (or the file's name).",
    )
    replace = forms.BooleanField(
        label="Replace my ladder of the same name",
        required=False,
        help_text="Your self-assessments of competencies whose keys stay the same are kept.",
    )

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(f"Choose at most {MAX_FILES} files.")
        if sum(upload.size for upload in uploads) > MAX_UPLOAD:
            raise forms.ValidationError("The files are larger than 1 MB; a ladder is much smaller.")
        return uploads


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

    def __init__(self, *args, competencies=None, wins=None, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies
        self.fields["evidence"].queryset = wins
        # Each criterion of the target level is rated on its own.
        self.criteria = {f"criterion_{criterion.pk}": criterion for criterion in criteria}
        for name, criterion in self.criteria.items():
            self.fields[name] = forms.ChoiceField(
                label=criterion.text,
                choices=[("", "Not rated"), *TargetRating.choices],
                required=False,
                help_text="\n".join(criterion.example_list)[:500],
            )

    def assessment(self) -> dict:
        """The cleaned data as `assessment_record` takes it, criteria rated apart."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.criteria}
        data["criteria"] = {
            criterion: self.cleaned_data[name]
            for name, criterion in self.criteria.items()
            if self.cleaned_data.get(name)
        }
        return data


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
