"""Owners on a shared instance: invitations, self sign-up, deactivation and deletion.

The instance administrator runs these (from the Owners pages or `wayfinder owner`), but
never sees an owner's record: they act on accounts, and what they read back are counts
(accounts/owner_selectors.py).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from wayfinder.accounts.models import (
    AccountNotice,
    InvitationState,
    OwnerInvitation,
    SignInAttempt,
    SignInLock,
)
from wayfinder.accounts.owner_selectors import owned_models
from wayfinder.accounts.selectors import username_normalise
from wayfinder.accounts.services import account_deactivate, sessions_sign_out_everywhere
from wayfinder.core.mail import mail_configured
from wayfinder.core.models import DataVersion, Profile
from wayfinder.core.owner_removal import owner_removal_prepare
from wayfinder.core.services import OwnerError, owner_create
from wayfinder.core.tokens import token_hash, token_new

# A week: long enough to find the email after a weekend, short enough that a forgotten
# link in an inbox stops working.
INVITATION_LIFETIME = dt.timedelta(days=7)
SIGNUP_INVITE, SIGNUP_OPEN, SIGNUP_DOMAIN = "invite", "open", "domain:"


class OwnersError(ValueError):
    """A change to the instance's owners that cannot be made as given; the message says why."""


@dataclass(frozen=True)
class InvitationSent:
    """Where the sign-up link went: always returned, emailed only when mail is set up;
    `queued` when the email waits in the job queue for `wayfinder worker` (PostgreSQL)."""

    link: str
    emailed: bool
    queued: bool = False


@dataclass(frozen=True)
class OwnerDeleted:
    username: str
    rows: int  # the owner's rows deleted, the account and profile included
    done_first: list[str]  # what the removal steps did first, a sentence each


# --- Sign-up policy -----------------------------------------------------------------------


def signup_domains(mode: str) -> list[str]:
    """The domains a `domain:` sign-up mode admits (none for the other modes)."""
    if not mode.startswith(SIGNUP_DOMAIN):
        return []
    return [d for d in mode.removeprefix(SIGNUP_DOMAIN).split(",") if d]


def signup_open(mode: str) -> bool:
    """Whether visitors may ask for a sign-up link themselves (open or domain mode)."""
    return mode == SIGNUP_OPEN or bool(signup_domains(mode))


def signup_allows(*, email: str, mode: str) -> bool:
    """Whether `email` may sign up without an invitation under `mode`."""
    if mode == SIGNUP_OPEN:
        return True
    domain = email.rpartition("@")[2].lower()
    return domain in signup_domains(mode)


# --- Invitations --------------------------------------------------------------------------


def _email_clean(email: str) -> str:
    address = (email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise OwnersError(f"{address!r} is not an email address") from None
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def _name_clean(name: str) -> str:
    name = (name or "").strip()
    limit = OwnerInvitation._meta.get_field("name").max_length or 150
    if len(name) > limit or "\x00" in name:
        raise OwnersError(f"the name is too long: at most {limit} characters")
    return name


def _account_with_email(email: str) -> bool:
    """Whether an account here has `email`, in any case: an owner's, a viewer's (made when
    they accepted a share) or the administrator's. One address, one account: a second one
    would split who the person is between two sign-ins."""
    return get_user_model().objects.filter(email__iexact=email).exists()


def _issue(
    *, email: str, name: str, invited_by: User | None, by_invitee: bool, now: dt.datetime
) -> tuple[OwnerInvitation, str]:
    """A pending invitation for `email` with a fresh token: the waiting one renewed (its old
    link stops working), or a new one."""
    token, hashed = token_new()
    pending = (
        OwnerInvitation.objects.select_for_update()
        .filter(
            email__iexact=email,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=now,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if pending is None:
        invitation = OwnerInvitation.objects.create(
            email=email,
            name=name,
            token_hash=hashed,
            invited_by=invited_by,
            self_requested=by_invitee,
            created_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
        return invitation, token
    pending.token_hash = hashed
    pending.expires_at = now + INVITATION_LIFETIME
    pending.name = name or pending.name
    if not by_invitee:
        # The administrator's invitation it now is, even if the visitor asked first.
        pending.invited_by = invited_by
        pending.self_requested = False
    pending.save(update_fields=["token_hash", "expires_at", "name", "invited_by", "self_requested"])
    return pending, token


@transaction.atomic
def owner_invite(
    *, email: str, name: str = "", invited_by: User | None, now: dt.datetime
) -> tuple[OwnerInvitation, str]:
    """Invite `email` to become an owner here; returns the invitation and its token.
    `invited_by` is the administrator's account (None from the command line).

    Inviting an address that already has a waiting invitation sends that one again with a
    new link (the old link stops working)."""
    email, name = _email_clean(email), _name_clean(name)
    if _account_with_email(email):
        raise OwnersError(f"{email} already has an account here")
    return _issue(email=email, name=name, invited_by=invited_by, by_invitee=False, now=now)


@transaction.atomic
def owner_invitation_renew(*, invitation: OwnerInvitation, now: dt.datetime) -> str:
    """Send an invitation again: a new link for another week (the old link stops working);
    a cancelled or expired one is brought back. Returns the token."""
    invitation = OwnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise OwnersError(f"{invitation.email} has already signed up")
    if _account_with_email(invitation.email):
        raise OwnersError(f"{invitation.email} already has an account here")
    token, hashed = token_new()
    invitation.token_hash = hashed
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.cancelled_at = None
    invitation.save(update_fields=["token_hash", "expires_at", "cancelled_at"])
    return token


@transaction.atomic
def owner_invitation_cancel(*, invitation: OwnerInvitation, now: dt.datetime) -> OwnerInvitation:
    """The invitation's link stops working. Cancelling twice is a no-op."""
    invitation = OwnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise OwnersError(f"{invitation.email} has already signed up: deactivate the owner instead")
    if invitation.cancelled_at is None:
        invitation.cancelled_at = now
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def owner_invitation_link(*, token: str, base_url: str) -> str:
    """The sign-up link's address (a path when no base URL is set)."""
    return base_url.rstrip("/") + reverse("accounts:signup-invitation", args=[token])


def owner_invitation_send(
    *, invitation: OwnerInvitation, token: str, base_url: str
) -> InvitationSent:
    """Email the sign-up link to the invited address, when this instance can send mail.

    The one place invitations are sent from, run by the invitation's job
    (`owner_invitation_deliver` enqueues it). Returns the link either way, so whoever
    invited can pass it on when no email went out.
    """
    link = owner_invitation_link(token=token, base_url=base_url)
    if not mail_configured():
        return InvitationSent(link=link, emailed=False)
    days = INVITATION_LIFETIME.days
    greeting = f"Hello {invitation.name},\n\n" if invitation.name else ""
    who = (
        "You asked"
        if invitation.self_requested
        else "The administrator of this Wayfinder invites you"
    )
    try:
        send_mail(
            subject="Your Wayfinder sign-up link",
            message=(
                f"{greeting}{who} to keep your career record on this Wayfinder: a private "
                "place for your plan, wins, network and reviews, seen by no one unless you "
                f"share it.\n\nOpen this link to choose your username and password:\n\n"
                f"{link}\n\nIt works once, within {days} days. If you did not expect it, "
                "you can ignore this email."
            ),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except (smtplib.SMTPException, OSError):
        return InvitationSent(link=link, emailed=False)
    return InvitationSent(link=link, emailed=True)


def owner_invitation_deliver(
    *, invitation: OwnerInvitation, token: str, base_url: str
) -> InvitationSent:
    """Send the sign-up link as a job (accounts/jobs.py): the Owners pages, `wayfinder
    owner invite` and the sign-up page all send through here.

    On SQLite the job runs at once and says whether the email went out; on PostgreSQL it
    waits for `wayfinder worker` (`queued`). When this instance cannot send mail no job is
    queued: the link is returned for whoever invited to pass on."""
    from wayfinder.accounts.jobs import owner_invitation_job
    from wayfinder.core.jobs import email_job_outcome

    link = owner_invitation_link(token=token, base_url=base_url)
    if not mail_configured():
        return InvitationSent(link=link, emailed=False)
    emailed, queued = email_job_outcome(
        owner_invitation_job.enqueue(invitation.pk, token, base_url)
    )
    return InvitationSent(link=link, emailed=emailed, queued=queued)


def owner_invitation_for_token(token: str) -> OwnerInvitation | None:
    """The invitation a sign-up token opens, whatever its state."""
    return OwnerInvitation.objects.filter(token_hash=token_hash(token.strip())).first()


def _refusal(state: InvitationState) -> str:
    return {
        InvitationState.ACCEPTED: "this sign-up link was already used: sign in instead",
        InvitationState.CANCELLED: "this sign-up link was cancelled: ask for a new one",
        InvitationState.EXPIRED: "this sign-up link has expired: ask for a new one",
    }.get(state, "this sign-up link is not valid: ask for a new one")


def owner_invitation_check(*, invitation: OwnerInvitation | None, now: dt.datetime) -> None:
    """Raise OwnersError unless the invitation can still be used to sign up: pending, and
    for an address no account here has (a viewer who accepted a share since, say)."""
    if invitation is None:
        raise OwnersError(_refusal(InvitationState.PENDING))
    state = invitation.state_at(now)
    if state != InvitationState.PENDING:
        raise OwnersError(_refusal(state))
    if _account_with_email(invitation.email):
        raise OwnersError(f"{invitation.email} already has an account here: sign in with it")


@transaction.atomic
def owner_signup(
    *,
    token: str,
    username: str,
    password: str,
    display_name: str = "",
    time_zone: str = "UTC",
    now: dt.datetime,
) -> Profile:
    """Use a sign-up link: the account and career profile made as `wayfinder init` makes
    them (core.services.owner_create), with the invited address and the chosen password.

    The password must already be validated (the form runs Django's validators)."""
    invitation = (
        OwnerInvitation.objects.select_for_update()
        .filter(token_hash=token_hash(token.strip()))
        .first()
    )
    owner_invitation_check(invitation=invitation, now=now)
    assert invitation is not None
    try:
        profile = owner_create(
            username=username,
            display_name=(display_name or invitation.name).strip(),
            email=invitation.email,
            time_zone=time_zone,
        )
    except OwnerError as error:
        raise OwnersError(str(error)) from None
    user = profile.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return profile


@transaction.atomic
def owner_signup_request(
    *, email: str, name: str = "", mode: str, now: dt.datetime
) -> tuple[OwnerInvitation, str] | None:
    """A visitor asks to sign up (open or domain mode): a sign-up link for their address,
    to be emailed so the address is proven. None when the address has an account already
    (the page says the same either way when it emails, so it tells no one who is here).

    In domain mode the address must be checked, so without mail it is refused; open mode
    admits anyone, so there the link may be shown at once."""
    if not signup_open(mode):
        raise OwnersError(
            "this instance signs up new owners by invitation only: ask its administrator"
        )
    email, name = _email_clean(email), _name_clean(name)
    if not signup_allows(email=email, mode=mode):
        domains = " or ".join(f"@{d}" for d in signup_domains(mode))
        raise OwnersError(f"sign-up here is for addresses ending in {domains}")
    if mode != SIGNUP_OPEN and not mail_configured():
        raise OwnersError(
            "this instance cannot send email, so it cannot check your address: ask its "
            "administrator for an invitation"
        )
    if _account_with_email(email):
        return None
    return _issue(email=email, name=name, invited_by=None, by_invitee=True, now=now)


# --- Deactivation and deletion ------------------------------------------------------------


def _owner_account(user: User, by: AbstractBaseUser | None, doing: str) -> Profile:
    if by is not None and user.pk == by.pk:
        raise OwnersError(f"you cannot {doing} your own account")
    profile = Profile.objects.filter(user_id=user.pk).first()
    if profile is None:
        raise OwnersError(
            f"{user.get_username()} has no career record: it is not an owner (manage "
            "administrator accounts in the admin)"
        )
    return profile


def owner_deactivate(*, user: User, by: AbstractBaseUser | None) -> bool:
    """The owner can no longer sign in, every session of theirs ends, and viewers stop
    seeing their shares. Their record stays as it is. False when already deactivated."""
    _owner_account(user, by, "deactivate")
    if not user.is_active:
        return False
    account_deactivate(user=user)
    return True


def owner_reactivate(*, user: User, by: AbstractBaseUser | None) -> bool:
    """The owner may sign in again and their shares are readable again (those still in
    force). False when already active."""
    _owner_account(user, by, "reactivate")
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


@transaction.atomic
def owner_delete(*, user: User, by: AbstractBaseUser | None, now: dt.datetime) -> OwnerDeleted:
    """Remove the owner and every row they own, in one transaction.

    First the apps above accounts end what reaches others (sharing ends the shares and
    tells each viewer); then every owned model (each model with an `owner` foreign key to
    the profile) is emptied of the owner's rows, then the profile, then the account with
    its sessions, links, notices, invitations and sign-in attempts.
    """
    profile = _owner_account(user, by, "delete")
    username = user.get_username()
    done_first = owner_removal_prepare(owner=profile, now=now)
    sessions_sign_out_everywhere(user=user)
    rows = 0
    for model in owned_models():
        deleted, _ = model._base_manager.filter(owner=profile).delete()
        rows += deleted
    deleted, _ = DataVersion.objects.filter(owner=profile).delete()
    rows += deleted
    invitations = Q(accepted_by=user)
    if user.email:
        invitations |= Q(email__iexact=user.email)
    OwnerInvitation.objects.filter(invitations).delete()
    key = username_normalise(username)[:150]
    SignInAttempt.objects.filter(username=key).delete()
    SignInLock.objects.filter(username=key).delete()
    deleted, _ = user.delete()
    rows += deleted
    return OwnerDeleted(username=username, rows=rows, done_first=done_first)


# --- Notices ------------------------------------------------------------------------------


def account_notice_add(*, user: AbstractBaseUser, message: str, now: dt.datetime) -> None:
    """Leave `message` for `user`, shown on their next visit until dismissed."""
    limit = AccountNotice._meta.get_field("message").max_length or 500
    AccountNotice.objects.create(user_id=user.pk, message=message[:limit], created_at=now)


def account_notice_dismiss(*, user: AbstractBaseUser, notice_id: int, now: dt.datetime) -> bool:
    """The notice is no longer shown; False when it is not this account's."""
    done = AccountNotice.objects.filter(
        pk=notice_id, user_id=user.pk, dismissed_at__isnull=True
    ).update(dismissed_at=now)
    return bool(done)
