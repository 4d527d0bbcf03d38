"""Reads for shares. Viewer-facing code finds what it may show ONLY through
`shared_with` (and `share_for_viewer` for one share); the owner's pages use
`shares_for_owner`. Nothing here is cached: a revoked or expired share stops at the
viewer's next request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from wayfinder.core.clock import today_for, today_in
from wayfinder.core.models import Profile
from wayfinder.network.matching import normalise_name
from wayfinder.network.selectors import people_list
from wayfinder.sharing.models import SectionKey, Share, ShareAccess
from wayfinder.sharing.services import ShareError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from wayfinder.network.models import Person


def _viewer_shares(viewer: AbstractBaseUser, today: dt.date) -> QuerySet[Share]:
    if viewer is None or not viewer.is_authenticated:
        return Share.objects.none()
    # A deactivated owner's shares are not readable until they are reactivated.
    return (
        Share.objects.active_on(today)
        .filter(viewer_id=viewer.pk, owner__user__is_active=True)
        .select_related("owner", "owner__user", "person")
    )


def shared_with(viewer: AbstractBaseUser, section: str, today: dt.date) -> QuerySet[Share]:
    """The active shares giving `viewer` the section `section` today."""
    if section not in SectionKey.values:
        raise ValueError(f"unknown section {section!r}")
    shares = _viewer_shares(viewer, today)
    # A JSON list holds the section: checked in Python, so the same on SQLite and
    # PostgreSQL; a viewer holds a handful of shares.
    ids = [share.pk for share in shares if share.allows(section)]
    return shares.filter(pk__in=ids)


def share_for_viewer(
    viewer: AbstractBaseUser, share_id: int, today: dt.date, section: str | None = None
) -> Share | None:
    """One active share of `viewer` (with `section`, when given), or None: the view
    answers 404 for a share that is not, or no longer, the viewer's."""
    shares = (
        _viewer_shares(viewer, today) if section is None else shared_with(viewer, section, today)
    )
    return shares.filter(pk=share_id).first()


def viewer_share_today(viewer: AbstractBaseUser, share_id: int) -> dt.date:
    """Today for what a viewer writes on share `share_id`: the owner's today, in the owner's
    time zone, since the share's expiry and the items it opens (a due date proposed into the
    plan) are the owner's days. UTC when the viewer holds no such share (nothing opens then)."""
    share = (
        Share.objects.filter(pk=share_id, viewer_id=viewer.pk)
        .select_related("owner")
        .only("owner__time_zone")
        .first()
    )
    return today_for(share.owner if share is not None else Profile(time_zone="UTC"))


def shares_for_owner(owner: Profile) -> QuerySet[Share]:
    """Every share of the owner, newest first, with its person and number of views."""
    return (
        Share.objects.for_owner(owner)
        .select_related("person", "viewer")
        .annotate(view_count=Count("accesses"))
        .order_by("-created_at", "-id")
    )


def shares_expiring(*, owner: Profile, today: dt.date, within_days: int = 7) -> QuerySet[Share]:
    """The owner's shares still in force that expire within `within_days` days."""
    return (
        Share.objects.for_owner(owner)
        .live_on(today)
        .filter(expires_on__lte=today + dt.timedelta(days=within_days))
        .select_related("person")
        .order_by("expires_on", "id")
    )


def share_accesses(*, owner: Profile, share: Share) -> QuerySet[ShareAccess]:
    """The access log of one of the owner's shares, newest first."""
    return ShareAccess.objects.for_owner(owner).filter(share_id=share.pk)


@dataclass(frozen=True)
class SharedOwner:
    """One owner on a viewer's "Shared with me": who, which share, what it shows, and the
    day it is read on (the owner's today, unless the caller gave one)."""

    share: Share
    owner_name: str
    sections: list[str]
    expires_on: dt.date
    today: dt.date


# The latest zone (UTC-12) has the earliest today on Earth: a share active on its owner's
# today is active on that day too, so it bounds the query and each share's owner's day is
# checked after (`viewer_home` without a `today`).
EARLIEST_ZONE = "Etc/GMT+12"


def viewer_home(viewer: AbstractBaseUser, today: dt.date | None = None) -> list[SharedOwner]:
    """The owners who share with `viewer` today and the sections each shares.

    Without `today`, each share is read on its owner's today (`core.clock.today_for`), the
    day a viewer's writes on it are dated on (`viewer_share_today`), in the same one query."""
    shares = _viewer_shares(viewer, today or today_in(EARLIEST_ZONE)).order_by(
        "owner__display_name", "id"
    )
    rows = []
    for share in shares:
        day = today or today_for(share.owner)
        if share.is_active_on(day):
            rows.append(
                SharedOwner(
                    share=share,
                    owner_name=str(share.owner),
                    sections=list(share.sections),
                    expires_on=share.expires_on,
                    today=day,
                )
            )
    return rows


def is_viewer(user: AbstractBaseUser, today: dt.date) -> bool:
    """Whether `user` holds any active share today."""
    return _viewer_shares(user, today).exists()


def person_named(*, owner: Profile, name: str, today: dt.date) -> Person:
    """The one active person of the owner's network called `name` (any case or spacing),
    the person a share from the command line is for; ShareError when none or several."""
    wanted = normalise_name(name)
    found = [p for p in people_list(owner=owner, today=today) if normalise_name(p.name) == wanted]
    if not found:
        raise ShareError(f"no one called {name!r} in your people: add them first")
    if len(found) > 1:
        raise ShareError(f"{len(found)} people are called {name!r}: share from the Sharing page")
    return found[0]
