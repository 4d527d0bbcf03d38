"""The owner's data version: cached pages are keyed by it and every write moves it on."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from wayfinder.core.models import DataVersion, Profile


def data_version_of(*, owner: Profile) -> int:
    """The owner's current data version, in one query (0 before any write was recorded)."""
    return DataVersion.objects.filter(owner=owner).values_list("version", flat=True).first() or 0


def data_version_bump(*, owner_id: int) -> None:
    """Record that the owner's data changed: every page cached for them is now stale."""
    if DataVersion.objects.filter(owner_id=owner_id).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(owner_id=owner_id, version=1)
    except IntegrityError:  # created meanwhile by another writer
        DataVersion.objects.filter(owner_id=owner_id).update(version=F("version") + 1)
