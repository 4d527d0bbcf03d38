"""Whether this instance can send email: one rule for the digest and the invitations."""

from __future__ import annotations

from django.conf import settings

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mail_configured() -> bool:
    """False when mail would go to SMTP with no server named (WAYFINDER_SMTP_HOST unset);
    another backend (the console, the test outbox) counts as configured."""
    return not (settings.EMAIL_BACKEND == SMTP_BACKEND and not settings.EMAIL_HOST)
