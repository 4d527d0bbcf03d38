"""Experiments: next steps tried on as hypotheses, with check-ins and a verdict."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, OwnedQuerySet, choice_constraint
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


class ExperimentQuerySet(OwnedQuerySet):
    def past_time_box(self, today: dt.date) -> ExperimentQuerySet:
        """Running experiments whose time box ended before `today`: the one rule for "past
        its time box" on every surface. The box's last day is `ends_on`, so an experiment
        ending today is still inside it. A designed one is never past its box: it has not
        started (see `not_started_on_time`). `Experiment.is_past_time_box_on` says the same
        for a row in hand."""
        return self.filter(status=ExperimentStatus.RUNNING, ends_on__lt=today)

    def not_started_on_time(self, today: dt.date) -> ExperimentQuerySet:
        """Designed experiments whose planned start day has passed without a start."""
        return self.filter(status=ExperimentStatus.DESIGNED, starts_on__lt=today)


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
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        help_text="The concluded experiment this one adapts.",
    )
    objects = ExperimentQuerySet.as_manager()

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

    @property
    def is_designed(self) -> bool:
        return self.status == ExperimentStatus.DESIGNED

    @property
    def is_running(self) -> bool:
        return self.status == ExperimentStatus.RUNNING

    @property
    def is_concluded(self) -> bool:
        return self.status == ExperimentStatus.CONCLUDED

    @property
    def is_adopted(self) -> bool:
        return self.verdict == ExperimentVerdict.ADOPT

    @property
    def is_abandoned(self) -> bool:
        return self.verdict == ExperimentVerdict.ABANDON

    @property
    def can_start(self) -> bool:
        """Designed and waiting (what `experiment_start` accepts and the page offers)."""
        return self.is_designed

    @property
    def can_be_adapted(self) -> bool:
        """Concluded with the verdict "adapt": the page offers to design what comes next."""
        return self.is_concluded and self.verdict == ExperimentVerdict.ADAPT

    @property
    def time_box_days(self) -> int:
        """The length of the time box in days, both ends included."""
        return (self.ends_on - self.starts_on).days + 1

    def is_past_time_box_on(self, today: dt.date) -> bool:
        """`ExperimentQuerySet.past_time_box` for a row in hand (no query)."""
        return self.is_running and self.ends_on < today


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
