"""First run: where the owner stands, their earlier roles, their ambition, a goal per
horizon."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from wayfinder.core.models import Position, Profile
from wayfinder.core.services import position_create, position_update, profile_update
from wayfinder.direction.models import AmbitionStatement, Goal
from wayfinder.network.models import PersonRole, Role
from wayfinder.network.services import person_create, role_assign

STEPS = ("role", "history", "ambition", "goals")
# The session key a skipped setup leaves: the home page then stops sending you to setup.
SKIPPED = "onboarding_skipped"


@transaction.atomic
def onboarding_role(
    *,
    owner: Profile,
    today: dt.date,
    manager_name: str = "",
    manager_title: str = "",
    started_on: dt.date | None = None,
    **profile_fields: str,
) -> Profile:
    """Save where the owner stands today, since when (the current role of their role
    history) and, if named, who their manager is."""
    profile_update(owner=owner, **profile_fields)
    if started_on is not None:
        onboarding_current_role(owner=owner, today=today, started_on=started_on)
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


def onboarding_role_held(*, owner: Profile) -> Position | None:
    """The role the profile names in the role history: the current role with the profile's
    title at its organisation, if there is one."""
    same = Position.objects.for_owner(owner).current()
    return same.filter(title=owner.current_title, organisation=owner.organisation).first()


def onboarding_current_role(*, owner: Profile, today: dt.date, started_on: dt.date) -> Position:
    """The role the profile names, in the role history from `started_on`: a second pass
    through the step moves the start of the role already there instead of adding another."""
    held = onboarding_role_held(owner=owner)
    if held is not None:
        return position_update(owner=owner, position=held, today=today, started_on=started_on)
    return position_create(
        owner=owner,
        today=today,
        title=owner.current_title,
        organisation=owner.organisation,
        started_on=started_on,
    )


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
