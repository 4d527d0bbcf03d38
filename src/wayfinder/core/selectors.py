"""Reads for the career owner."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from wayfinder.core.models import Profile
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


def record_counts(*, owner: Profile) -> list[tuple[str, int]]:
    """How much of each practice the owner has recorded, in one query."""
    from wayfinder.direction.models import AmbitionStatement, Goal
    from wayfinder.network.models import Interaction, Person
    from wayfinder.plan.models import DevelopmentAction
    from wayfinder.wins.models import Win

    counted = {
        "Ambition versions": AmbitionStatement,
        "Goals": Goal,
        "Development actions": DevelopmentAction,
        "People": Person,
        "Interactions": Interaction,
        "Wins": Win,
    }

    def count_of(model) -> Coalesce:
        rows = model.objects.filter(owner=OuterRef("pk")).values("owner").annotate(n=Count("id"))
        return Coalesce(Subquery(rows.values("n")), 0)

    annotations = {f"count_{i}": count_of(model) for i, model in enumerate(counted.values())}
    row = Profile.objects.filter(pk=owner.pk).annotate(**annotations).values(*annotations).get()
    return [(label, row[f"count_{i}"]) for i, label in enumerate(counted)]
