"""What the background jobs have already done, so that no job does it twice.

Each row is claimed (inserted under a unique constraint) before the email goes out and
committed at once: a second worker, or a retry after a crash, finds the row and sends
nothing. The side chosen is at most once: a worker killed between the claim and the send
loses that one email rather than risk sending it twice (docs/deploy.md, "Jobs").
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from wayfinder.core.models import Profile
from wayfinder.sharing.models import Share


class DigestSent(models.Model):
    """The weekly digest of one owner for one week (the Monday it starts) was sent."""

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the owner's week.")
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "week"], name="digest_sent_once_a_week")
        ]

    def __str__(self) -> str:
        return f"digest of owner {self.owner_id} for the week of {self.week:%Y-%m-%d}"


class ExpiryNoticeSent(models.Model):
    """The owner was told that one of their shares ends on `expires_on`.

    Keyed by the expiry date, so a share extended to a later date is noticed again."""

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="+")
    expires_on = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["share", "expires_on"], name="expiry_notice_sent_once")
        ]

    def __str__(self) -> str:
        return f"expiry notice of share {self.share_id} for {self.expires_on:%Y-%m-%d}"
