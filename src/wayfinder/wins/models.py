"""Wins: the running log of what happened, what the owner did, the result, who knows."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from wayfinder.core.metrics import metric_shown
from wayfinder.core.models import OwnedModel, Skill, choice_constraint
from wayfinder.core.privacy import Private
from wayfinder.network.models import Person


class WinSource(models.TextChoices):
    WEB = "web", "Web"
    CAPTURE = "capture", "Quick capture"
    IMPORT = "import", "Import"


class Win(OwnedModel):
    occurred_on = models.DateField()
    title = models.CharField(max_length=300, help_text="What happened, in a line.")
    situation = models.TextField(blank=True, help_text="The situation or challenge.")
    action = models.TextField(blank=True, help_text="What I did.")
    result = models.TextField(blank=True, help_text="The result, in numbers where possible.")
    skills = models.ManyToManyField(Skill, blank=True, related_name="wins")
    collaborators = models.ManyToManyField(Person, blank=True, related_name="wins_collaborated")
    private_notes = models.TextField(
        blank=True,
        help_text=(
            "Only you see this: it never appears in a narrative, an agenda or an export "
            "made for someone else."
        ),
    )
    privacy = Private(fields=("private_notes",))
    source = models.CharField(max_length=10, choices=WinSource.choices, default=WinSource.WEB)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [choice_constraint("win", "source", WinSource)]
        indexes = [models.Index(fields=["owner", "occurred_on"], name="win_owner_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wins:win", args=[self.pk])

    @property
    def needs_completing(self) -> bool:
        """A quick-capture win still only a headline: the story is yet to be written."""
        return self.source == WinSource.CAPTURE and not (
            self.situation or self.action or self.result
        )


class ImpactMetric(OwnedModel):
    """A number that shows a win's result, e.g. 30 % against a baseline of 12 %."""

    win = models.ForeignKey(Win, on_delete=models.CASCADE, related_name="metrics")
    value = models.FloatField()
    unit = models.CharField(max_length=30, blank=True)
    baseline = models.FloatField(null=True, blank=True)
    period = models.CharField(max_length=100, blank=True, help_text="e.g. 'per quarter'.")
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return metric_shown(self)


class WinAudience(OwnedModel):
    """The visibility ledger: this person knows about this win since this date."""

    win = models.ForeignKey(Win, on_delete=models.CASCADE, related_name="audience")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wins_known")
    told_on = models.DateField()

    class Meta:
        ordering = ["told_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["win", "person"], name="win_audience_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} knows since {self.told_on}"
