from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance.models import THRESHOLD_FIELDS, GuidanceSettings

# The settings page in the order a coach would walk through them.
GROUPS = (
    (
        "Direction and plan",
        (
            "ambition_review_days",
            "plan_revision_days",
            "action_completed_days",
            "experiment_decision_days",
        ),
    ),
    (
        "Support and network",
        (
            "supervisor_days",
            "min_mentors",
            "mentor_default_cadence_days",
            "sponsor_min_levels_above",
            "network_min_levels",
            "network_min_functions",
        ),
    ),
    (
        "Wins and reflection",
        ("win_days", "visibility_months", "visibility_top_wins", "review_days"),
    ),
    ("Weekly digest", ("email", "digest_send_empty")),
)


class GuidanceSettingsForm(EditVersionMixin, forms.ModelForm):
    # The digest address is the account's email, not a settings field.
    unversioned_fields = ("email",)

    email = forms.EmailField(
        label="Send the weekly digest to",
        required=False,
        help_text="Your email address; `wayfinder digest` sends the week's guidance here.",
        error_messages={"invalid": "That is not an email address, e.g. dana@example.com."},
    )

    class Meta:
        model = GuidanceSettings
        fields = [*THRESHOLD_FIELDS, "digest_send_empty"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in THRESHOLD_FIELDS:
            field = self.fields[name]
            field.help_text = f"{field.help_text} The default is {getattr(DEFAULTS, name)}."
            for validator in self.instance._meta.get_field(name).validators:
                if isinstance(validator, MinValueValidator):
                    field.widget.attrs["min"] = validator.limit_value
                elif isinstance(validator, MaxValueValidator):
                    field.widget.attrs["max"] = validator.limit_value

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in GROUPS]
