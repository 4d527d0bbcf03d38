"""First run: where the owner stands, their ambition, a goal per horizon."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from wayfinder.core.models import Profile
from wayfinder.core.services import profile_update
from wayfinder.direction.models import AmbitionStatement, Goal
from wayfinder.network.models import PersonRole, Role
from wayfinder.network.services import person_create, role_assign

STEPS = ("role", "ambition", "goals")
# The session key a skipped setup leaves: the home page then stops sending you to setup.
SKIPPED = "onboarding_skipped"


@transaction.atomic
def onboarding_role(
    *,
    owner: Profile,
    today: dt.date,
    manager_name: str = "",
    manager_title: str = "",
    **profile_fields: str,
) -> Profile:
    """Save where the owner stands today and, if named, who their manager is."""
    profile_update(owner=owner, **profile_fields)
    manager_name = " ".join(manager_name.split())
    has_manager = (
        PersonRole.objects.for_owner(owner).held_on(today).filter(role=Role.MANAGER).exists()
    )
    if manager_name and not has_manager:
        manager = person_create(
            owner=owner,
            name=manager_name,
            title=manager_title,
            organisation=owner.organisation,
            relative_level=1,
        )
        role_assign(owner=owner, person=manager, role=Role.MANAGER, started_on=today)
    return owner


def onboarding_next_step(*, owner: Profile) -> str | None:
    """The first step not done yet, or None when every step has something in it."""
    if not owner.current_title:
        return "role"
    if not AmbitionStatement.objects.for_owner(owner).exists():
        return "ambition"
    if not Goal.objects.for_owner(owner).exists():
        return "goals"
    return None


def onboarding_finish(*, owner: Profile, now: dt.datetime) -> Profile:
    owner.onboarded_at = now
    owner.save(update_fields=["onboarded_at"])
    return owner
