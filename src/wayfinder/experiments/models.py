"""Experiments: next steps tried on as hypotheses, with check-ins and a verdict."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, choice_constraint
from wayfinder.direction.models import CareerPath, Goal


class ExperimentStatus(models.TextChoices):
    DESIGNED = "designed", "Designed"
    RUNNING = "running", "Running"
    CONCLUDED = "concluded", "Concluded"


class ExperimentVerdict(models.TextChoices):
    NONE = "", "Not decided"
    ADOPT = "adopt", "Adopt"
    ADAPT = "adapt", "Adapt"
    ABANDON = "abandon", "Abandon"


class Experiment(OwnedModel):
    title = models.CharField(max_length=200)
    hypothesis = models.TextField(
        help_text="What you expect to learn, e.g. 'I'd find people leadership more energising'."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The end of the time box.")
    signals = models.TextField(blank=True, help_text="The signals you will watch.")
    status = models.CharField(
        max_length=10, choices=ExperimentStatus.choices, default=ExperimentStatus.DESIGNED
    )
    verdict = models.CharField(
        max_length=10,
        choices=ExperimentVerdict.choices,
        default=ExperimentVerdict.NONE,
        blank=True,
    )
    learnings = models.TextField(blank=True)
    ambition_fit = models.TextField(
        blank=True, help_text="How the result measures against your ambition, not the ladder."
    )
    decided_on = models.DateField(null=True, blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="experiments"
    )
    path = models.ForeignKey(
        CareerPath, null=True, blank=True, on_delete=models.SET_NULL, related_name="experiments"
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            choice_constraint("experiment", "status", ExperimentStatus),
            choice_constraint("experiment", "verdict", ExperimentVerdict),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="experiment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ExperimentStatus.CONCLUDED) | ~models.Q(verdict=""),
                name="experiment_concluded_has_verdict",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experiments:experiment", args=[self.pk])


class CheckIn(OwnedModel):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    signals_observed = models.TextField(blank=True)
    energy = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How energised this made you feel, 1 (drained) to 5."
    )

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(energy__isnull=True) | models.Q(energy__gte=1, energy__lte=5),
                name="checkin_energy_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in on {self.held_on}"
