"""Direction: ambition statements, paths considered, goals on three horizons."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, choice_constraint


class AmbitionStatement(OwnedModel):
    """One dated version of the owner's ambition. Versions are never overwritten."""

    version = models.PositiveIntegerField()
    written_on = models.DateField()
    reviewed_on = models.DateField(
        null=True, blank=True, help_text="When you last re-read this version and kept it."
    )
    problems = models.TextField(blank=True, help_text="What problems do I want to solve?")
    impact = models.TextField(blank=True, help_text="What impact do I want to have?")
    more_of = models.TextField(blank=True, help_text="What do I want to do more of?")
    less_of = models.TextField(blank=True, help_text="What do I want to do less of?")
    summary = models.TextField(blank=True, help_text="The ambition in a sentence or two.")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="ambition_version_unique"),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="ambition_version_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"Ambition v{self.version} ({self.written_on})"


class Verdict(models.TextChoices):
    PURSUING = "pursuing", "Pursuing"
    OPEN = "open", "Keeping open"
    RULED_OUT = "ruled_out", "Ruled out"


class CareerPath(OwnedModel):
    """A candidate direction considered with due diligence."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    research_notes = models.TextField(blank=True)
    learned_from_people = models.TextField(
        blank=True, help_text="What people who do this job told you: what they like and don't."
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices, default=Verdict.OPEN)
    verdict_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            choice_constraint("careerpath", "verdict", Verdict),
            models.CheckConstraint(
                condition=~models.Q(verdict=Verdict.RULED_OUT) | ~models.Q(verdict_reason=""),
                name="careerpath_ruled_out_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("direction:path", args=[self.pk])

    @property
    def is_pursued(self) -> bool:
        return self.verdict == Verdict.PURSUING

    @property
    def is_ruled_out(self) -> bool:
        return self.verdict == Verdict.RULED_OUT


class Horizon(models.TextChoices):
    SHORT = "short", "Short term (3-6 months)"
    MID = "mid", "Mid term (1-2 years)"
    LONG = "long", "Long term (3-5+ years)"


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    PAUSED = "paused", "Paused"
    DROPPED = "dropped", "Dropped"


class Goal(OwnedModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    horizon = models.CharField(max_length=10, choices=Horizon.choices)
    success_measure = models.TextField(blank=True, help_text="How you will know you got there.")
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    achieved_on = models.DateField(null=True, blank=True)
    ambition = models.ForeignKey(
        AmbitionStatement, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    path = models.ForeignKey(
        CareerPath, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )

    class Meta:
        ordering = ["target_date", "title"]
        constraints = [
            choice_constraint("goal", "horizon", Horizon),
            choice_constraint("goal", "status", GoalStatus),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_achieved(self) -> bool:
        return self.status == GoalStatus.ACHIEVED

    def get_absolute_url(self) -> str:
        return reverse("direction:goal", args=[self.pk])


class GoalCheckIn(OwnedModel):
    """Dated progress on a goal: how far along it is, or a milestone reached, and a note."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    checked_on = models.DateField()
    percent = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How far along the goal is, from 0 to 100 %."
    )
    milestone = models.CharField(
        max_length=200, blank=True, help_text="A step reached on the way, in a few words."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["checked_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True)
                | models.Q(percent__gte=0, percent__lte=100),
                name="goalcheckin_percent_0_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=False) | ~models.Q(milestone=""),
                name="goalcheckin_percent_or_milestone",
            ),
        ]

    def __str__(self) -> str:
        return f"Progress on {self.goal} on {self.checked_on}"

    @property
    def progress_text(self) -> str:
        """How the check-in reads in a list: "60 %", "Milestone: beta shipped", or both."""
        parts = [f"{self.percent} %"] if self.percent is not None else []
        if self.milestone:
            parts.append(f"{'milestone' if parts else 'Milestone'}: {self.milestone}")
        return ", ".join(parts)
