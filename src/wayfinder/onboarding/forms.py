from __future__ import annotations

from django import forms

from wayfinder.core.forms import PositionForm, ProfileForm
from wayfinder.core.widgets import DateInput
from wayfinder.direction.models import Horizon


class RoleForm(ProfileForm):
    manager_name = forms.CharField(
        label="Your manager's name",
        required=False,
        max_length=200,
        help_text="Development conversations with them are one of the practices Wayfinder "
        "helps you keep up.",
    )
    manager_title = forms.CharField(label="Their title", required=False, max_length=200)
    started_on = forms.DateField(
        label="In this role since",
        required=False,
        widget=DateInput(),
        help_text="Optional. Your role history and résumé list the role from this date.",
    )

    class Meta(ProfileForm.Meta):
        fields = [
            "display_name",
            "current_title",
            "level",
            "seniority",
            "function",
            "organisation",
            "time_zone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_title"].required = True


class EarlierRoleForm(PositionForm):
    """One earlier role in the setup step; a row left empty is skipped."""

    class Meta(PositionForm.Meta):
        fields = ["title", "organisation", "started_on", "ended_on"]
        help_texts = {
            "title": "A title and a start date add the role; a row left empty is skipped.",
            "ended_on": "Your last day in the role.",
        }


# Three rows: enough for the roles a résumé shows first; more are added on the profile page.
EARLIER_ROLES = 3
EarlierRoleFormSet = forms.formset_factory(
    EarlierRoleForm, extra=EARLIER_ROLES, max_num=EARLIER_ROLES, absolute_max=EARLIER_ROLES
)


HORIZON_PROMPTS = {
    Horizon.SHORT: "In the next 3-6 months I want to…",
    Horizon.MID: "In 1-2 years I want to…",
    Horizon.LONG: "In 3-5 years or more I want to…",
}


class HorizonGoalForm(forms.Form):
    """One optional goal on one horizon; the onboarding page shows three of these."""

    title = forms.CharField(required=False, max_length=200)
    success_measure = forms.CharField(
        label="How you will know", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target_date = forms.DateField(label="Target date", required=False, widget=DateInput())

    def __init__(self, *args, horizon: str, **kwargs):
        super().__init__(*args, prefix=horizon, **kwargs)
        self.horizon = horizon
        self.horizon_label = Horizon(horizon).label
        self.fields["title"].label = HORIZON_PROMPTS[horizon]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("title") and (data.get("success_measure") or data.get("target_date")):
            self.add_error("title", "Name the goal, or clear this horizon to skip it.")
        return data
