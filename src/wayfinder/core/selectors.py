"""Reads for the career owner."""

from __future__ import annotations

from django.db.models import QuerySet

from wayfinder.core.models import Position, Profile
from wayfinder.core.services import OwnerError


def owner_for_command(*, username: str | None = None) -> Profile:
    """The profile a command acts for: the named one, or the only one on the instance."""
    profiles = Profile.objects.select_related("user")
    if username:
        try:
            return profiles.get(user__username=username)
        except Profile.DoesNotExist:
            raise OwnerError(f"no owner named {username!r}") from None
    found = list(profiles.order_by("id")[:2])
    if not found:
        raise OwnerError("no owner yet: run `wayfinder init` first")
    if len(found) > 1:
        raise OwnerError("this instance has several owners: name one with --owner USERNAME")
    return found[0]


def position_list(*, owner: Profile) -> QuerySet[Position]:
    """The owner's role history: the roles still held first, then the most recent."""
    return Position.objects.for_owner(owner)
