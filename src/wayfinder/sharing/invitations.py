"""The invitation: its link, sent by email when this instance can send mail, and the
account a viewer signs in to when they open it."""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from wayfinder.accounts.selectors import username_normalise
from wayfinder.core.mail import mail_configured
from wayfinder.sharing.models import Share
from wayfinder.sharing.services import ShareError, token_hash


class SignInFirst(ShareError):
    """The invitation is for an account that must sign in itself before accepting."""


@dataclass(frozen=True)
class InvitationSent:
    """Where the invitation went: the link always, emailed only when mail is set up;
    `queued` when the email waits in the job queue for `wayfinder worker` (PostgreSQL)."""

    link: str
    emailed: bool
    queued: bool = False


def invitation_link(*, token: str, base_url: str) -> str:
    """The absolute address of the one-time invitation (a path when no base URL is set)."""
    return base_url.rstrip("/") + reverse("sharing:accept", args=[token])


def invitation_send(*, share: Share, token: str, base_url: str) -> InvitationSent:
    """Email the invitation to the address the share names, when mail is set up.

    Run by the share invitation's job (`invitation_deliver` enqueues it). Returns the link
    either way, so the owner can copy it when no email went out. The email holds the owner's
    name, the sections' names and the expiry: nothing of the record.
    """
    link = invitation_link(token=token, base_url=base_url)
    if not mail_configured():
        return InvitationSent(link=link, emailed=False)
    owner = str(share.owner)
    sections = ", ".join(label.lower() for label in share.section_labels)
    try:
        send_mail(
            subject=f"{owner} shared part of their career record with you",
            message=(
                f"{owner} shares their {sections} with you on Wayfinder, until "
                f"{share.expires_on:%-d %b %Y}.\n\nOpen this link to see it:\n\n{link}\n\n"
                "It works once: it signs you in on this browser. If you did not expect it, "
                "you can ignore this email."
            ),
            from_email=None,
            recipient_list=[share.email],
        )
    except (smtplib.SMTPException, OSError):
        return InvitationSent(link=link, emailed=False)
    return InvitationSent(link=link, emailed=True)


def invitation_deliver(*, share: Share, token: str, base_url: str) -> InvitationSent:
    """Send the invitation as a job (sharing/jobs.py): every page that sends a share's
    invitation sends it through here.

    On SQLite the job runs at once and says whether the email went out; on PostgreSQL it
    waits for `wayfinder worker` (`queued`). When this instance cannot send mail no job is
    queued: the link is returned for the owner to pass on."""
    from wayfinder.core.jobs import email_job_outcome
    from wayfinder.sharing.jobs import share_invitation_job

    link = invitation_link(token=token, base_url=base_url)
    if not mail_configured():
        return InvitationSent(link=link, emailed=False)
    emailed, queued = email_job_outcome(share_invitation_job.enqueue(share.pk, token, base_url))
    return InvitationSent(link=link, emailed=emailed, queued=queued)


def invitation_share(*, token: str) -> Share | None:
    """The share an invitation token opens, whatever its state (share_accept decides)."""
    return Share.objects.filter(token_hash=token_hash(token.strip())).first()


def _username_for(email: str) -> str:
    base = username_normalise(email)[:140]
    User = get_user_model()
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def viewer_account_for(*, share: Share, today: dt.date) -> User:
    """The viewer account an invitation signs in to: the one with the share's email, made
    when there is none. One person keeps one account however many owners share with them.

    An invitation link must never become a way into someone else's account: whoever made
    the share may hold the link. So an existing account that has a career record, administers
    the instance, has a password, or holds another owner's shares, accepts only once signed
    in itself (SignInFirst).
    """
    User = get_user_model()
    found = User.objects.filter(email__iexact=share.email).order_by("pk").first()
    if found is None:
        try:
            with transaction.atomic():
                user = User(username=_username_for(share.email), email=share.email)
                user.set_unusable_password()
                user.save()
                return user
        except IntegrityError:
            found = User.objects.filter(email__iexact=share.email).order_by("pk").first()
            if found is None:
                raise
    others = (
        Share.objects.filter(viewer=found)
        .exclude(owner_id=share.owner_id)
        .active_on(today)
        .exists()
    )
    if (
        hasattr(found, "profile")
        or found.is_staff
        or found.has_usable_password()
        or others
        or not found.is_active
    ):
        raise SignInFirst(
            f"an account for {share.email} already exists here: sign in to it, then open "
            "this invitation again"
        )
    return found
