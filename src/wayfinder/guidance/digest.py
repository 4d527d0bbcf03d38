"""The weekly digest: the week's guidance as an email, in plain text and in HTML."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from wayfinder.core.counts import count_of
from wayfinder.core.mail import mail_configured
from wayfinder.core.models import Profile
from wayfinder.guidance.report import STATE_MARKS, Report


class DigestError(ValueError):
    """The digest cannot be sent; the message says why in one line."""


@dataclass(frozen=True)
class Digest:
    recipient: str
    subject: str
    text: str
    html: str


def digest_subject(report: Report) -> str:
    parts = []
    if report.nudges:
        need = "needs" if len(report.nudges) == 1 else "need"
        parts.append(f"{count_of(len(report.nudges), 'practice')} {need} attention")
    if report.week:
        parts.append(f"{count_of(len(report.week), 'thing')} on this week's list")
    summary = ", ".join(parts) or "every practice is healthy, nothing is due"
    return f"Your week in Wayfinder ({report.today:%-d %B}): {summary}"


def digest_compose(*, report: Report, base_url: str = "") -> Digest:
    """The digest for `report`; links are absolute when `base_url` is given, left out if not."""

    def link(path: str | None) -> str | None:
        return f"{base_url}{path}" if path and base_url else None

    owner = report.owner
    context = {
        "name": owner.display_name or owner.user.get_username(),
        "today": report.today,
        "total": len(report.indicators),
        "nudges": [
            {
                "practice": i.practice,
                "state": i.state,
                "mark": STATE_MARKS[i.state],
                "why": i.why,
                "step": i.next_step.text if i.next_step else "",
                "url": link(i.next_step.url) if i.next_step else None,
                "approach": [
                    {
                        "name": c.person.name,
                        "reason": c.reason,
                        "url": link(c.conversation_url),
                    }
                    for c in i.approach
                ],
            }
            for i in report.nudges
        ],
        "week": [
            {
                "title": item.title,
                "detail": item.detail,
                "urgency": item.urgency,
                "on": item.on,
                "url": link(item.url),
            }
            for item in report.week
        ],
        "dashboard_url": link(reverse("home")),
        "settings_url": link(reverse("guidance:settings")),
    }
    return Digest(
        recipient=owner.user.email,
        subject=digest_subject(report),
        text=render_to_string("guidance/digest.txt", context).rstrip() + "\n",
        html=render_to_string("guidance/digest.html", context),
    )


def _smtp_problem(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {' '.join(text.split())}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"the server refused {', '.join(error.recipients)}"
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def digest_send(*, owner: Profile, digest: Digest) -> None:
    """Send `digest` to the owner's email address through the configured SMTP server."""
    if not digest.recipient:
        raise DigestError(
            f"{owner.user.get_username()!r} has no email address: add one in the guidance "
            "settings (/settings/guidance/), or use --stdout"
        )
    if not mail_configured():
        raise DigestError(
            "email is not configured: set WAYFINDER_SMTP_HOST (see the README, "
            "Configuration), or use --stdout"
        )
    message = EmailMultiAlternatives(
        subject=digest.subject, body=digest.text, to=[digest.recipient]
    )
    message.attach_alternative(digest.html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise DigestError(
            f"could not send the digest through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: "
            f"{_smtp_problem(error)}"
        ) from None
