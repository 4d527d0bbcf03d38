"""The forms of a mentoring program: the program itself and the two opt-ins."""

from __future__ import annotations

import zoneinfo

from django import forms

from wayfinder.mentoring.models import MAX_CAPACITY, Program


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "cap_per_mentor",
            "skill_weight",
            "level_weight",
            "function_weight",
            "time_zone_weight",
            "rhythm_days",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {
            "starts_on": "Starts on",
            "ends_on": "Ends on",
            "rhythm_days": "Meet every (days)",
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The program ends on or after the day it starts.")
        return data


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class _Stated(forms.Form):
    function = forms.CharField(max_length=100, required=False, help_text="Engineering, Sales…")
    level = forms.IntegerField(
        min_value=0, max_value=20, help_text="Your level as a number on your organisation's ladder."
    )
    time_zone = forms.CharField(max_length=64, help_text="For example Europe/London.")
    manager = forms.CharField(
        max_length=254,
        required=False,
        help_text="Your manager's username, so they are never proposed as your mentor.",
    )
    skip_level = forms.CharField(
        max_length=254, required=False, help_text="Your manager's manager's username."
    )

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                f"{name!r} is not a time zone name; use one like Europe/London or America/New_York."
            )
        return name


class MenteeOptInForm(_Stated):
    skills_wanted = forms.CharField(
        label="Skills you want to learn",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Separated by commas. Filled in from your plan: keep only what you want seen.",
    )
    learning_goals = forms.CharField(
        label="What you want to learn",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Filled in from your active goals: edit freely.",
    )
    levels_up_min = forms.IntegerField(
        label="Fewest levels up", min_value=0, max_value=10, initial=1
    )
    levels_up_max = forms.IntegerField(label="Most levels up", min_value=0, max_value=10, initial=3)
    prefers_other_function = forms.BooleanField(
        label="I'd like a mentor from another function", required=False
    )
    max_hours_apart = forms.IntegerField(
        label="Most hours apart",
        min_value=0,
        max_value=24,
        required=False,
        help_text="Leave empty if any time difference suits you.",
    )
    field_order = [
        "skills_wanted",
        "learning_goals",
        "function",
        "level",
        "levels_up_min",
        "levels_up_max",
        "prefers_other_function",
        "time_zone",
        "max_hours_apart",
        "manager",
        "skip_level",
    ]

    def clean_skills_wanted(self) -> list[str]:
        skills = _words(self.cleaned_data["skills_wanted"])
        if not skills:
            raise forms.ValidationError("Name at least one skill you want to learn.")
        return skills

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("levels_up_min"), data.get("levels_up_max")
        if low is not None and high is not None and high < low:
            self.add_error("levels_up_max", "The most levels up is at least the fewest.")
        return data


class MentorOptInForm(_Stated):
    skills_offered = forms.CharField(
        label="Skills you offer",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Separated by commas.",
    )
    capacity = forms.IntegerField(
        label="Mentees you take", min_value=1, max_value=MAX_CAPACITY, initial=1
    )
    levels_mentored = forms.CharField(
        label="Levels you mentor",
        max_length=100,
        help_text="Level numbers separated by commas, for example 2, 3, 4.",
    )
    field_order = [
        "skills_offered",
        "capacity",
        "levels_mentored",
        "function",
        "level",
        "time_zone",
        "manager",
        "skip_level",
    ]

    def clean_skills_offered(self) -> list[str]:
        skills = _words(self.cleaned_data["skills_offered"])
        if not skills:
            raise forms.ValidationError("Name at least one skill you offer.")
        return skills

    def clean_levels_mentored(self) -> list[int]:
        try:
            levels = sorted({int(part) for part in _words(self.cleaned_data["levels_mentored"])})
        except ValueError:
            raise forms.ValidationError("Use level numbers separated by commas.") from None
        if not levels or any(not 0 <= lv <= 20 for lv in levels):
            raise forms.ValidationError("Name the levels you mentor, numbers from 0 to 20.")
        return levels
