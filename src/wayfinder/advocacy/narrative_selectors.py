"""Reads for narratives: the list with their latest version, one version, the history."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from wayfinder.advocacy.models import Narrative, NarrativeVersion
from wayfinder.core.models import Profile


def narrative_list(*, owner: Profile) -> QuerySet[Narrative]:
    """The owner's narratives, most recent period first, with `version_count` and
    `last_edited` (the newest version's time)."""
    return Narrative.objects.for_owner(owner).annotate(
        version_count=Count("versions"), last_edited=Max("versions__created_at")
    )


def narrative_versions(*, narrative: Narrative) -> QuerySet[NarrativeVersion]:
    """The versions newest first, without their bodies (a list shows number and note)."""
    return narrative.versions.defer("body").order_by("-number")


def narrative_versions_of_owner(*, owner: Profile) -> QuerySet[NarrativeVersion]:
    """Every version of every narrative of the owner, by narrative then newest first, without
    their bodies: what the owner picks from to share."""
    return (
        NarrativeVersion.objects.for_owner(owner)
        .select_related("narrative")
        .defer("body")
        .order_by("narrative__title", "-number")
    )


def narrative_version(*, narrative: Narrative, number: int | None = None) -> NarrativeVersion:
    """Version `number`, or the latest; NarrativeVersion.DoesNotExist when there is none."""
    versions = narrative.versions.all()
    if number is None:
        found = versions.order_by("-number").first()
        if found is None:
            raise NarrativeVersion.DoesNotExist
        return found
    return versions.get(number=number)
