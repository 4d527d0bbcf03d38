"""Writes for shares: create, accept, revoke, extend, change sections, re-send, and the
access log. Every rule about who may see what is read back through sharing/selectors.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from wayfinder.core.checks import ensure_owned, max_length
from wayfinder.core.models import Profile
from wayfinder.core.tokens import token_hash, token_new
from wayfinder.sharing.models import SectionKey, Share, ShareAccess

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from wayfinder.advocacy.models import NarrativeVersion
    from wayfinder.network.models import Person


class ShareError(ValueError):
    """A change to a share that cannot be made as given; the message says why."""


def clean_sections(sections: Sequence[str]) -> list[str]:
    """The section keys as the registry names them, in the registry's order; an unknown
    or missing one is refused."""
    keys = [key.strip().lower() for key in sections if key.strip()]
    unknown = [key for key in keys if key not in SectionKey.values]
    if unknown:
        raise ShareError(
            f"unknown section {', '.join(repr(k) for k in unknown)}: "
            f"use {', '.join(SectionKey.values)}"
        )
    if not keys:
        raise ShareError("choose at least one section to share")
    return [key for key in SectionKey.values if key in keys]


def _clean_email(email: str) -> str:
    email = email.strip()
    if not email:
        raise ShareError("a share needs an email address to send the invitation to")
    try:
        validate_email(email)
    except ValidationError:
        raise ShareError(f"{email!r} is not an email address") from None
    if len(email) > max_length(Share, "email"):
        raise ShareError("that email address is too long")
    return email


def _check_expiry(expires_on: dt.date, today: dt.date) -> None:
    if expires_on <= today:
        raise ShareError("a share must expire after today")


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ShareError("the period must end on or after the day it starts")


_ensure_owned = partial(ensure_owned, error=ShareError)


def _own_share(owner: Profile, share: Share) -> Share:
    """The share, read again under a row lock, when it is the owner's."""
    _ensure_owned(owner, share, "share")
    return Share.objects.for_owner(owner).select_for_update().get(pk=share.pk)


@transaction.atomic
def share_create(
    *,
    owner: Profile,
    person: Person,
    sections: Sequence[str],
    expires_on: dt.date,
    today: dt.date,
    email: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    allow_comments: bool = False,
    show_collaborators: bool = False,
    narrative_versions: Sequence[NarrativeVersion] = (),
) -> tuple[Share, str]:
    """Share the chosen sections with a person of the owner's network until `expires_on`.

    Returns the share and its one-time invitation token: only its hash is stored, so the
    token must be sent or shown now. The email defaults to the person's own."""
    _ensure_owned(owner, person, "person")
    keys = clean_sections(sections)
    address = _clean_email(email or person.email)
    _check_expiry(expires_on, today)
    _check_period(period_start, period_end)
    for version in narrative_versions:
        _ensure_owned(owner, version, "narrative version")
    token, hashed = token_new()
    share = Share.objects.create(
        owner=owner,
        person=person,
        email=address,
        sections=keys,
        period_start=period_start,
        period_end=period_end,
        expires_on=expires_on,
        allow_comments=allow_comments,
        show_collaborators=show_collaborators,
        token_hash=hashed,
    )
    if narrative_versions:
        share.narrative_versions.set(narrative_versions)
    return share, token


@transaction.atomic
def share_accept(*, token: str, user: AbstractBaseUser, today: dt.date) -> Share:
    """Bind the viewer account `user` to the share the invitation `token` opens.

    One account accepts any number of owners' shares. An invitation is used once: opened
    again by the same account it returns the same share; by another, it is refused."""
    share = (
        Share.objects.select_for_update()
        .filter(token_hash=token_hash(token.strip()))
        .select_related("owner")
        .first()
    )
    if share is None or share.revoked_at is not None:
        raise ShareError("this invitation is not valid: ask for a new one")
    if share.expires_on < today:
        raise ShareError("this invitation has expired: ask for a new one")
    if share.owner.user_id == user.pk:
        raise ShareError("this is your own share: send the link to the person it is for")
    if share.accepted_at is not None:
        if share.viewer_id == user.pk:
            return share
        raise ShareError("this invitation was already used: ask for a new one")
    share.viewer = user
    share.accepted_at = timezone.now()
    share.save(update_fields=["viewer", "accepted_at"])
    _viewer_navigation_forget(share)
    return share


def _viewer_navigation_forget(share: Share) -> None:
    """The viewer's "Shared with me" link is worked out again (sharing/navigation.py)."""
    from wayfinder.sharing.navigation import shared_with_me_forget

    shared_with_me_forget(viewer_id=share.viewer_id)


@transaction.atomic
def share_revoke(*, owner: Profile, share: Share) -> Share:
    """Take the access back, from the viewer's next request on. Revoking twice is a no-op."""
    share = _own_share(owner, share)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        _viewer_navigation_forget(share)
    return share


@transaction.atomic
def share_extend(*, owner: Profile, share: Share, expires_on: dt.date, today: dt.date) -> Share:
    """Move the expiry to `expires_on` (later or earlier, but after today)."""
    share = _own_share(owner, share)
    if share.is_revoked:
        raise ShareError("this share was revoked: send it again instead")
    _check_expiry(expires_on, today)
    share.expires_on = expires_on
    share.save(update_fields=["expires_on"])
    _viewer_navigation_forget(share)
    return share


@transaction.atomic
def share_update_sections(
    *,
    owner: Profile,
    share: Share,
    sections: Sequence[str],
    allow_comments: bool | None = None,
    show_collaborators: bool | None = None,
    narrative_versions: Sequence[NarrativeVersion] | None = None,
) -> Share:
    """Change what the share shows; the viewer sees the change on the next request."""
    share = _own_share(owner, share)
    if share.is_revoked:
        raise ShareError("this share was revoked: send it again instead")
    share.sections = clean_sections(sections)
    fields = ["sections"]
    if allow_comments is not None:
        share.allow_comments = allow_comments
        fields.append("allow_comments")
    if show_collaborators is not None:
        share.show_collaborators = show_collaborators
        fields.append("show_collaborators")
    share.save(update_fields=fields)
    if narrative_versions is not None:
        for version in narrative_versions:
            _ensure_owned(owner, version, "narrative version")
        share.narrative_versions.set(narrative_versions)
    return share


@transaction.atomic
def share_resend(*, owner: Profile, share: Share, expires_on: dt.date, today: dt.date) -> str:
    """Invite again: a new one-time token (the old link stops working), the share back in
    force until `expires_on`, to be accepted again. Returns the token.

    How an imported share, which arrives revoked, is brought back."""
    share = _own_share(owner, share)
    _check_expiry(expires_on, today)
    token, hashed = token_new()
    share.token_hash = hashed
    share.expires_on = expires_on
    share.revoked_at = None
    share.viewer = None
    share.accepted_at = None
    share.invited_at = timezone.now()
    share.save(
        update_fields=[
            "token_hash",
            "expires_on",
            "revoked_at",
            "viewer",
            "accepted_at",
            "invited_at",
        ]
    )
    return token


def share_access_record(*, share: Share, page: str, path: str = "") -> ShareAccess:
    """Log that the share's viewer opened `page`, and when."""
    now = timezone.now()
    page = page.strip()[: max_length(ShareAccess, "page")]
    path = path[: max_length(ShareAccess, "path")]
    with transaction.atomic():
        access = ShareAccess.objects.create(
            owner_id=share.owner_id, share=share, page=page, path=path, viewed_at=now
        )
        Share.objects.filter(pk=share.pk).update(last_access_at=now)
    share.last_access_at = now
    return access
