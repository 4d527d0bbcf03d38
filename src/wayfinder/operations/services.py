"""The jobs' work: each digest and expiry notice sent at most once (see models.py).

A claim row is inserted under its unique constraint and committed before the email leaves.
Two workers racing for the same owner and week: the second INSERT waits for the first to
commit, then fails the constraint, and that worker sends nothing. A send that fails
cleanly (no address, SMTP refused) gives its claim back, so the next run tries again; a
worker killed after its claim loses that one email, never sends it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse

from wayfinder.core.clock import today_for
from wayfinder.core.mail import mail_configured
from wayfinder.core.models import Profile
from wayfinder.guidance.digest import DigestError, digest_compose, digest_send
from wayfinder.guidance.report import report_for
from wayfinder.guidance.selectors import guidance_settings_for
from wayfinder.operations.models import DigestSent, ExpiryNoticeSent
from wayfinder.sharing.models import Share
from wayfinder.sharing.selectors import shares_expiring

log = logging.getLogger("wayfinder.operations")

# Shares ending within this many days are announced to their owner (as on the dashboard).
EXPIRY_NOTICE_DAYS = 7


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already sent"
    QUIET = "nothing to say"
    FAILED = "failed"


@dataclass(frozen=True)
class DigestResult:
    owner: str
    week: dt.date
    outcome: Outcome
    problem: str = ""


@dataclass
class NoticeResult:
    owner: str
    sent: int = 0
    already_sent: int = 0
    problems: list[str] = field(default_factory=list)


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`: the key of "once a week"."""
    return day - dt.timedelta(days=day.weekday())


def _claim(make: Callable[[], Model]) -> Model | None:
    """Insert a claim row and commit it; None when another run already holds it."""
    try:
        with transaction.atomic():
            return make()
    except IntegrityError:
        return None


def owners_with_digest() -> list[Profile]:
    """Every owner who can sign in (a deactivated owner gets no email), oldest first."""
    return list(Profile.objects.filter(user__is_active=True).select_related("user").order_by("id"))


def digest_send_once(*, owner: Profile, today: dt.date | None = None) -> DigestResult:
    """Send the owner's weekly digest unless this week's was already sent (or claimed)."""
    today = today or today_for(owner)
    week = week_of(today)
    name = owner.user.get_username()
    if DigestSent.objects.filter(owner=owner, week=week).exists():
        return DigestResult(name, week, Outcome.ALREADY_SENT)
    report = report_for(owner=owner, today=today)
    if report.empty and not guidance_settings_for(owner=owner).digest_send_empty:
        return DigestResult(name, week, Outcome.QUIET)
    digest = digest_compose(report=report, base_url=settings.WAYFINDER_BASE_URL)
    claim = _claim(lambda: DigestSent.objects.create(owner=owner, week=week))
    if claim is None:
        return DigestResult(name, week, Outcome.ALREADY_SENT)
    try:
        digest_send(owner=owner, digest=digest)
    except DigestError as error:
        # Nothing left: give the week back so the next run (or a retry) can send it.
        DigestSent.objects.filter(pk=claim.pk).delete()
        log.warning("digest for %s not sent: %s", name, error)
        return DigestResult(name, week, Outcome.FAILED, str(error))
    return DigestResult(name, week, Outcome.SENT)


def _expiry_message(owner: Profile, shares: list[Share]) -> str:
    base = settings.WAYFINDER_BASE_URL
    lines = [
        f"- {share.person.name if share.person_id else share.email}: ends "
        f"{share.expires_on:%-d %b %Y}"
        + (f" ({base}{reverse('sharing:share', args=[share.pk])})" if base else "")
        for share in shares
    ]
    name = owner.display_name or owner.user.get_username()
    return (
        f"Hello {name},\n\nThese shares of your career record end within a week:\n\n"
        + "\n".join(lines)
        + "\n\nExtend one from the Sharing page if you want it to go on; otherwise it stops "
        "by itself and its viewer sees nothing more.\n"
    )


def _expiry_claim(owner: Profile, share: Share) -> ExpiryNoticeSent:
    return ExpiryNoticeSent.objects.create(owner=owner, share=share, expires_on=share.expires_on)


def expiry_notices_send(*, owner: Profile, today: dt.date | None = None) -> NoticeResult:
    """Email the owner about their shares ending within a week, each share once for each
    expiry date it has had (an extended share is announced again before its new end)."""
    today = today or today_for(owner)
    result = NoticeResult(owner=owner.user.get_username())
    expiring = list(shares_expiring(owner=owner, today=today, within_days=EXPIRY_NOTICE_DAYS))
    if not expiring:
        return result
    if not owner.user.email or not mail_configured():
        result.problems.append(
            "no email address" if not owner.user.email else "email is not configured"
        )
        return result
    claimed: list[tuple[Share, Model]] = []
    for share in expiring:
        claim = _claim(partial(_expiry_claim, owner, share))
        if claim is None:
            result.already_sent += 1
        else:
            claimed.append((share, claim))
    if not claimed:
        return result
    shares = [share for share, _ in claimed]
    try:
        send_mail(
            subject="A share of your career record ends within a week"
            if len(shares) == 1
            else f"{len(shares)} shares of your career record end within a week",
            message=_expiry_message(owner, shares),
            from_email=None,
            recipient_list=[owner.user.email],
        )
    except (smtplib.SMTPException, OSError) as error:
        ExpiryNoticeSent.objects.filter(pk__in=[claim.pk for _, claim in claimed]).delete()
        result.problems.append(f"could not send: {error}")
        return result
    result.sent = len(shares)
    return result
