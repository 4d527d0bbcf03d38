"""Personal access tokens: the owner's keys to the JSON API, one per script or device."""

from __future__ import annotations

import datetime as dt

from django.db import models

from wayfinder.core.models import OwnedModel


class AccessToken(OwnedModel):
    """A token the owner made for the API. Only its SHA-256 hash is kept: the token itself
    is shown once, when it is made."""

    name = models.CharField(max_length=100, help_text="What uses this token, e.g. 'phone'.")
    scopes = models.JSONField(default=list, blank=True)
    # None for a token imported from an export: hashes are not exported, so it opens nothing.
    token_hash = models.CharField(max_length=64, null=True, unique=True, editable=False)
    expires_on = models.DateField(
        null=True, blank=True, help_text="The last day the token works; empty: until revoked."
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def is_live(self, today: dt.date) -> bool:
        """Whether the token opens the API on `today`: not revoked, not past its last day."""
        return (
            self.token_hash is not None
            and self.revoked_at is None
            and (self.expires_on is None or today <= self.expires_on)
        )

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def expired(self, today: dt.date) -> bool:
        return self.expires_on is not None and today > self.expires_on

    def state_on(self, today: dt.date) -> str:
        """live, expired, revoked or imported (from an export: it opens nothing here), as
        the token page and `wayfinder token list` say."""
        if self.revoked:
            return "revoked"
        if self.token_hash is None:
            return "imported"
        return "expired" if self.expired(today) else "live"
