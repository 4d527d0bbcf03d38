"""Development conversations with the supervisor: agenda, notes, agreed actions."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, choice_constraint
from wayfinder.core.privacy import Private
from wayfinder.network.models import Person
from wayfinder.plan.models import DevelopmentAction


class ConversationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class DevelopmentConversation(OwnedModel):
    held_on = models.DateField()
    supervisor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    status = models.CharField(
        max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.HELD
    )
    agenda = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    private_notes = models.TextField(
        blank=True,
        help_text=(
            "Only you see this: it never appears in a narrative, an agenda or an export "
            "made for someone else."
        ),
    )
    privacy = Private(fields=("private_notes",))

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [choice_constraint("developmentconversation", "status", ConversationStatus)]

    def __str__(self) -> str:
        return f"Development conversation on {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("conversations:conversation", args=[self.pk])

    @property
    def is_planned(self) -> bool:
        return self.status == ConversationStatus.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == ConversationStatus.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == ConversationStatus.CANCELLED


class AgreedActionOwner(models.TextChoices):
    ME = "me", "Me"
    SUPERVISOR = "supervisor", "Supervisor"


class AgreedAction(OwnedModel):
    """A follow-up agreed in a conversation; it can become a plan action in one step."""

    conversation = models.ForeignKey(
        DevelopmentConversation, on_delete=models.CASCADE, related_name="agreed_actions"
    )
    description = models.CharField(max_length=300)
    who = models.CharField(
        max_length=10, choices=AgreedActionOwner.choices, default=AgreedActionOwner.ME
    )
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    plan_action = models.OneToOneField(
        DevelopmentAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreed_in",
    )

    class Meta:
        ordering = ["id"]
        constraints = [choice_constraint("agreedaction", "who", AgreedActionOwner)]

    @property
    def is_mine(self) -> bool:
        """The owner, not the supervisor, took this one on."""
        return self.who == AgreedActionOwner.ME

    def __str__(self) -> str:
        return self.description
