"""The owner's own guidance settings: what counts as healthy for them, and digest choices."""

from __future__ import annotations

import dataclasses

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wayfinder.core.models import OwnedModel
from wayfinder.core.thresholds import DEFAULTS, Thresholds

THRESHOLD_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Thresholds))

# Longer than this is no longer a threshold but a way of switching a practice off.
MAX_DAYS = 3650
# Person.relative_level goes up to 6.
MAX_LEVELS_ABOVE = 6


def _threshold(
    name: str, label: str, help_text: str, *, low: int = 1, high: int = MAX_DAYS
) -> models.PositiveIntegerField:
    message = f"Use a whole number from {low} to {high}."
    return models.PositiveIntegerField(
        label,
        default=getattr(DEFAULTS, name),
        help_text=help_text,
        validators=[MinValueValidator(low, message), MaxValueValidator(high, message)],
    )


class GuidanceSettings(OwnedModel):
    """What counts as healthy for this owner (the DOMAIN.md defaults until they change it).

    One row per owner, made the first time they change something; without a row the
    defaults in `core.thresholds` apply.
    """

    ambition_review_days = _threshold(
        "ambition_review_days",
        "Ambition review, in days",
        "How long your ambition statement stays current before you look at it again.",
    )
    plan_revision_days = _threshold(
        "plan_revision_days",
        "Plan revision, in days",
        "How long your development plan can go without a revision before it is collecting "
        "dust (120 days is three revisions a year).",
    )
    action_completed_days = _threshold(
        "action_completed_days",
        "Plan momentum, in days",
        "How long you can go without completing a development action before the plan is stalling.",
    )
    supervisor_days = _threshold(
        "supervisor_days",
        "Supervisor conversations, in days",
        "How often you want a development conversation with your supervisor, in days.",
    )
    min_mentors = _threshold(
        "min_mentors",
        "Mentors",
        "How many active mentors you want to have.",
        high=20,
    )
    mentor_default_cadence_days = _threshold(
        "mentor_default_cadence_days",
        "Mentor rhythm, in days",
        "How often to meet a mentor for whom you have not set a rhythm of your own.",
    )
    sponsor_min_levels_above = _threshold(
        "sponsor_min_levels_above",
        "Sponsor, levels above you",
        "How many levels above you someone must be to count as a sponsor (your manager is "
        "one level up).",
        high=MAX_LEVELS_ABOVE,
    )
    network_min_levels = _threshold(
        "network_min_levels",
        "Network levels",
        "At how many different levels, relative to you, you want active contacts.",
        high=12,
    )
    network_min_functions = _threshold(
        "network_min_functions",
        "Other functions",
        "In how many functions other than your own you want active contacts.",
        high=50,
    )
    visibility_months = _threshold(
        "visibility_months",
        "Visibility window, in months",
        "How far back your top wins are taken from when checking who knows about them.",
        high=60,
    )
    visibility_top_wins = _threshold(
        "visibility_top_wins",
        "Top wins to make visible",
        "How many of your top wins should each be known to an influential leader outside "
        "your reporting line.",
        high=50,
    )
    win_days = _threshold(
        "win_days",
        "Wins, in days",
        "How long you can go without logging a win before it is time to log one.",
    )
    experiment_decision_days = _threshold(
        "experiment_decision_days",
        "Experiments, in days",
        "How long after an experiment's verdict you can go without trying on something new.",
    )
    review_days = _threshold(
        "review_days",
        "Reviews, in days",
        "How often you want to sit down for a review with coaching questions (92 days is "
        "quarterly).",
    )
    digest_send_empty = models.BooleanField(
        "Send the digest in quiet weeks too",
        default=False,
        help_text="Ticked: the digest comes every week, even when every practice is healthy "
        "and nothing is due. Not ticked: such a quiet week sends no email.",
    )

    class Meta:
        verbose_name = "guidance settings"
        verbose_name_plural = "guidance settings"
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="guidancesettings_one_per_owner"),
            models.CheckConstraint(
                condition=models.Q(
                    ambition_review_days__gte=1,
                    plan_revision_days__gte=1,
                    action_completed_days__gte=1,
                    supervisor_days__gte=1,
                    min_mentors__gte=1,
                    mentor_default_cadence_days__gte=1,
                    sponsor_min_levels_above__gte=1,
                    network_min_levels__gte=1,
                    network_min_functions__gte=1,
                    visibility_months__gte=1,
                    visibility_top_wins__gte=1,
                    win_days__gte=1,
                    experiment_decision_days__gte=1,
                    review_days__gte=1,
                ),
                name="guidancesettings_thresholds_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"guidance settings of {self.owner}"

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(**{name: getattr(self, name) for name in THRESHOLD_FIELDS})
