"""Sign-in: one-time links and the record of attempts used to throttle guessing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class SignInLink(models.Model):
    """A single-use link that signs its holder in, like a notebook server's token URL.

    Only a hash of the token is stored, so a copy of the database cannot be used to sign in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Sign-in link for {self.user} (expires {self.expires_at:%Y-%m-%d %H:%M})"


class SignInAttempt(models.Model):
    """A password sign-in attempt; failures within a window throttle further tries.

    `username` holds the normalised name (see `username_normalise`), so every spelling that
    signs in to one account counts against the same limit.
    """

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    attempted_at = models.DateTimeField()
    succeeded = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["username", "attempted_at"], name="signin_attempt_user_time"),
            models.Index(fields=["ip_address", "attempted_at"], name="signin_attempt_ip_time"),
        ]

    def __str__(self) -> str:
        outcome = "succeeded" if self.succeeded else "failed"
        return f"{self.username} {outcome} at {self.attempted_at:%Y-%m-%d %H:%M}"


class SignInLock(models.Model):
    """One row per normalised username, locked while an attempt is checked and recorded.

    Locking it makes "count the recent failures, then record this attempt" one step, so
    concurrent guesses cannot all pass the check before any of them is counted.
    """

    username = models.CharField(max_length=150, unique=True)

    def __str__(self) -> str:
        return f"Sign-in lock for {self.username}"


class AccountSession(models.Model):
    """A signed-in session of an account, so its owner can see it and sign it out.

    The session itself lives in Django's session store; this row is the index by account that
    the store lacks. It is written at sign-in, refreshed at most every few minutes while the
    session is used, and deleted at sign-out; rows past `expires_at` are pruned at the
    account's next sign-in, so an account holds only a handful.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    is_viewer = models.BooleanField(default=False)
    signed_in_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="account_session_user")]

    def __str__(self) -> str:
        return f"Session of {self.user} (signed in {self.signed_in_at:%Y-%m-%d %H:%M})"


class InvitationState(models.TextChoices):
    PENDING = "pending", "Waiting"
    ACCEPTED = "accepted", "Signed up"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


class OwnerInvitation(models.Model):
    """A one-time sign-up link for a new owner of this instance, sent to one address.

    Made by the instance administrator (`invited_by`, empty from the command line), or by
    the visitor themselves when self sign-up is open (`self_requested`). Only a hash of the
    token is stored. It is used once (`accepted_at`), until `expires_at`, unless cancelled.
    """

    email = models.EmailField()
    name = models.CharField(max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The visitor asked for it themselves (open or domain sign-up), not the administrator.
    self_requested = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["email", "created_at"], name="owner_invitation_email")]

    def __str__(self) -> str:
        return f"Invitation for {self.email} (expires {self.expires_at:%Y-%m-%d %H:%M})"

    def state_at(self, now: dt.datetime) -> InvitationState:
        """pending, accepted, cancelled or expired."""
        if self.accepted_at is not None:
            return InvitationState.ACCEPTED
        if self.cancelled_at is not None:
            return InvitationState.CANCELLED
        if self.expires_at <= now:
            return InvitationState.EXPIRED
        return InvitationState.PENDING


class AccountNotice(models.Model):
    """A message for one account, shown on its next visit until it is dismissed.

    How a viewer learns that an owner who shared with them has left the instance when no
    email can be sent: the notice names the owner and nothing of their record.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "dismissed_at"], name="account_notice_user")]

    def __str__(self) -> str:
        return f"Notice for {self.user} ({self.created_at:%Y-%m-%d})"
