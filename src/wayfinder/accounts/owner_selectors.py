"""What the instance administrator reads about owners: accounts and counts, no career
content. Storage is row counts per section (an app's owned models), one grouped query per
owned model whatever the number of owners."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, Max, QuerySet
from django.utils.text import capfirst

from wayfinder.accounts.models import AccountNotice, InvitationState, OwnerInvitation
from wayfinder.core.models import Profile

# "Active": signed in, or used a signed-in session, within this many days.
ACTIVE_WITHIN_DAYS = 30


def owned_models() -> list[type[models.Model]]:
    """Every model whose rows belong to one owner: an `owner` foreign key to Profile."""
    found = []
    for model in apps.get_models():
        try:
            owner = model._meta.get_field("owner")
        except FieldDoesNotExist:
            continue
        if isinstance(owner, models.ForeignKey) and owner.related_model is Profile:
            found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label, m.__name__))


# Apps whose label is not the name the product gives their rows.
SECTION_NAMES = {"api": "API tokens", "calendars": "Calendar feed", "operations": "Emails sent"}
# The core's models, each a section of its own.
CORE_SECTIONS = {"Position": "Role history", "DataVersion": "Page cache versions"}


def section_of(model: type[models.Model]) -> str:
    """The section a model's rows are counted under: its app, as the product names it; the
    core's models (skills, the role history) each by their own name."""
    label = model._meta.app_label
    if label == "core":
        return CORE_SECTIONS.get(model.__name__, capfirst(str(model._meta.verbose_name_plural)))
    return SECTION_NAMES.get(label, capfirst(label.replace("_", " ")))


@dataclass(frozen=True)
class OwnerFigures:
    user_id: int
    username: str
    email: str
    is_active: bool
    joined: dt.datetime
    last_active: dt.datetime | None
    active_recently: bool
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def state_label(self) -> str:
        return "Active" if self.is_active else "Deactivated"


@dataclass(frozen=True)
class InstanceFigures:
    owners: list[OwnerFigures]
    sections: list[str]
    window_days: int = ACTIVE_WITHIN_DAYS
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def owner_count(self) -> int:
        return len(self.owners)

    @property
    def active_count(self) -> int:
        return sum(1 for owner in self.owners if owner.active_recently)

    @property
    def deactivated_count(self) -> int:
        return sum(1 for owner in self.owners if not owner.is_active)

    @property
    def total_rows(self) -> int:
        return sum(self.totals.values())


def owner_row_counts() -> dict[int, Counter[str]]:
    """Per profile id, the number of rows per section: one GROUP BY per owned model."""
    counts: dict[int, Counter[str]] = {}
    for model in owned_models():
        section = section_of(model)
        grouped = (
            model._base_manager.values("owner_id").annotate(n=Count("pk")).order_by("owner_id")
        )
        for row in grouped:
            counts.setdefault(row["owner_id"], Counter())[section] += row["n"]
    return counts


def instance_figures(*, now: dt.datetime) -> InstanceFigures:
    """Every owner of the instance (an account with a career profile), whether they are
    active, when they were last seen, and their rows per section."""
    since = now - dt.timedelta(days=ACTIVE_WITHIN_DAYS)
    profiles = (
        Profile.objects.select_related("user")
        .annotate(last_seen=Max("user__account_sessions__last_seen_at"))
        .order_by("user__username", "pk")
    )
    counts = owner_row_counts()
    sections = sorted({section_of(model) for model in owned_models()})
    owners = []
    for profile in profiles:
        user = profile.user
        seen = [moment for moment in (user.last_login, profile.last_seen) if moment]
        last_active = max(seen) if seen else None
        owners.append(
            OwnerFigures(
                user_id=user.pk,
                username=user.get_username(),
                email=user.email,
                is_active=user.is_active,
                joined=user.date_joined,
                last_active=last_active,
                active_recently=bool(user.is_active and last_active and last_active >= since),
                rows={section: counts.get(profile.pk, Counter())[section] for section in sections},
            )
        )
    totals = {section: sum(owner.rows[section] for owner in owners) for section in sections}
    return InstanceFigures(owners=owners, sections=sections, totals=totals)


def owner_profile(*, username: str) -> Profile | None:
    """The career profile of the account called exactly `username`, if it is an owner."""
    return Profile.objects.select_related("user").filter(user__username=username).first()


def owner_user(*, user_id: int) -> User | None:
    """The owner account (a user with a career profile) with this id, or None."""
    return (
        get_user_model()
        .objects.filter(pk=user_id, profile__isnull=False)
        .select_related("profile")
        .first()
    )


def account_notices(*, user: AbstractBaseUser) -> QuerySet[AccountNotice]:
    """The account's notices not yet dismissed, newest first."""
    if not user.is_authenticated:
        return AccountNotice.objects.none()
    return AccountNotice.objects.filter(user_id=user.pk, dismissed_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


@dataclass(frozen=True)
class InvitationRow:
    invitation: OwnerInvitation
    state: InvitationState

    @property
    def is_pending(self) -> bool:
        return self.state == InvitationState.PENDING

    @property
    def can_send_again(self) -> bool:
        return self.state != InvitationState.ACCEPTED


def owner_invitations(*, now: dt.datetime, limit: int = 200) -> list[InvitationRow]:
    """The latest invitations, newest first, each with its state now."""
    invitations = OwnerInvitation.objects.select_related("invited_by", "accepted_by").order_by(
        "-created_at", "-pk"
    )[:limit]
    return [InvitationRow(invitation=i, state=i.state_at(now)) for i in invitations]


def owner_invitation(*, invitation_id: int) -> OwnerInvitation | None:
    return OwnerInvitation.objects.filter(pk=invitation_id).first()
