"""Reads for export, import and the demo: what an owner (or the instance) holds."""

from __future__ import annotations

from wayfinder.core.models import Profile
from wayfinder.portability.format import sections


def domain_data_exists(*, owner: Profile | None = None) -> bool:
    """Whether the owner (or, without one, anyone) has recorded anything.

    The empty plan `wayfinder init` creates does not count; its actions and revisions are
    sections of their own.
    """
    from wayfinder.plan.models import DevelopmentPlan

    for section in sections():
        rows = section.model.objects.all()
        if owner is not None:
            rows = rows.filter(owner=owner)
        if section.model is DevelopmentPlan:
            rows = rows.exclude(title=DevelopmentPlan._meta.get_field("title").default, focus="")
        if rows.exists():
            return True
    return False


def section_counts(*, owner: Profile) -> list[tuple[str, int]]:
    """How many rows the owner has in each section of the export format."""
    return [(section.key, section.model.objects.for_owner(owner).count()) for section in sections()]
