"""A share: the owner's decision to show chosen sections of the record to one person."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from wayfinder.core.models import OwnedModel, OwnedQuerySet


class SectionKey(models.TextChoices):
    """The sections a share may allow; each has its projection in sharing/sections.py."""

    DIRECTION = "direction", "Direction"
    GOALS = "goals", "Goals"
    PLAN = "plan", "Plan"
    EXPERIMENTS = "experiments", "Experiments"
    WINS = "wins", "Wins"
    ADVOCACY = "advocacy", "Advocacy"
    CONVERSATIONS = "conversations", "Conversations"
    GUIDANCE = "guidance", "Guidance"


class ShareState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class ShareQuerySet(OwnedQuerySet):
    def live_on(self, today: dt.date) -> Self:
        """Not revoked and not past its expiry: accepted or still waiting to be. A share
        without an invitation (one imported from another instance) counts as revoked."""
        return self.filter(revoked_at__isnull=True, token_hash__isnull=False, expires_on__gte=today)

    def active_on(self, today: dt.date) -> Self:
        """The shares a viewer may use today: accepted, not revoked, not expired."""
        return self.live_on(today).filter(viewer__isnull=False, accepted_at__isnull=False)


class Share(OwnedModel):
    """Chosen sections of the owner's record, shown to one person of the owner's network
    until `expires_on` (inclusive) or until revoked."""

    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shares_received",
    )
    # The allow-list: a list of SectionKey values, checked by the services.
    sections = models.JSONField(default=list)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    expires_on = models.DateField()
    allow_comments = models.BooleanField(default=False)
    show_collaborators = models.BooleanField(
        default=False, help_text="Show the names of the people you worked with on your wins."
    )
    narrative_versions = models.ManyToManyField(
        "advocacy.NarrativeVersion", blank=True, related_name="+"
    )
    # Only the hash of the one-time invitation token is kept: the token itself is shown
    # or sent once.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_access_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="share_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(token_hash__isnull=False),
                name="share_accepted_from_an_invitation",
            ),
        ]

    def __str__(self) -> str:
        return f"Share with {self.email}"

    def state_on(self, today: dt.date) -> str:
        if self.is_revoked:
            return ShareState.REVOKED
        if self.expires_on < today:
            return ShareState.EXPIRED
        if self.accepted_at is None or self.viewer_id is None:
            return ShareState.INVITED
        return ShareState.ACTIVE

    def is_active_on(self, today: dt.date) -> bool:
        return self.state_on(today) == ShareState.ACTIVE

    @property
    def is_revoked(self) -> bool:
        """Revoked by the owner, or imported from another instance and not sent again
        (the invitation stays with the instance that sent it)."""
        return self.revoked_at is not None or self.token_hash is None

    @property
    def needs_sending_again(self) -> bool:
        """Imported and not revoked there: `share_resend` brings it back."""
        return self.revoked_at is None and self.token_hash is None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def allows(self, section: str) -> bool:
        return section in self.sections

    @property
    def section_labels(self) -> list[str]:
        return [SectionKey(key).label for key in self.sections if key in SectionKey.values]

    def in_period(self, day: dt.date | None) -> bool:
        """Whether an item dated `day` falls inside the share's period; the period limits
        dated items only, so an undated one (None) always does."""
        if day is None:
            return True
        if self.period_start is not None and day < self.period_start:
            return False
        return self.period_end is None or day <= self.period_end


class ShareAccess(OwnedModel):
    """One page a viewer opened through a share: the access log the owner reads."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="accesses")
    page = models.CharField(max_length=200)
    path = models.CharField(max_length=500, blank=True)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name_plural = "share accesses"
        indexes = [models.Index(fields=["share", "-viewed_at"], name="share_access_recent")]

    def __str__(self) -> str:
        return f"{self.page} at {self.viewed_at:%Y-%m-%d %H:%M}"
