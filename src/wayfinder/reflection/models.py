"""Reflection: reviews, journal entries answering coaching questions, private notes."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, choice_constraint
from wayfinder.core.privacy import Private


class ReviewKind(models.TextChoices):
    FIRST_RUN = "first_run", "First run"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    AD_HOC = "ad_hoc", "Ad hoc"


class Review(OwnedModel):
    held_on = models.DateField()
    kind = models.CharField(max_length=10, choices=ReviewKind.choices, default=ReviewKind.QUARTERLY)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [choice_constraint("review", "kind", ReviewKind)]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} review on {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("reflection:review", args=[self.pk])


class JournalEntry(OwnedModel):
    """An answer to a coaching question (or a free entry), kept as a journal."""

    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    written_on = models.DateField()
    question_key = models.SlugField(
        max_length=80, blank=True, help_text="The coaching question's key in the library."
    )
    question = models.TextField(blank=True)
    answer = models.TextField()
    is_private = models.BooleanField(default=False)
    privacy = Private(record_flag="is_private")

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return self.question or f"Journal entry {self.written_on}"

    def get_absolute_url(self) -> str:
        return reverse("reflection:entry", args=[self.pk])


class PrivateNoteKind(models.TextChoices):
    BACKUP_PLAN = "backup_plan", "Backup plan"
    NOTE = "note", "Private note"


class PrivateNote(OwnedModel):
    """Private by definition: for the owner's eyes only, in nothing made for others."""

    kind = models.CharField(
        max_length=20, choices=PrivateNoteKind.choices, default=PrivateNoteKind.NOTE
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    privacy = Private(every_record=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            choice_constraint("privatenote", "kind", PrivateNoteKind),
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(kind=PrivateNoteKind.BACKUP_PLAN),
                name="privatenote_one_backup_plan_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == PrivateNoteKind.BACKUP_PLAN:
            return reverse("reflection:backup-plan")
        return reverse("reflection:note", args=[self.pk])
