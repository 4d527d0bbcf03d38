"""Writes for the career owner."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Lower
from django.utils import timezone

from wayfinder.core.checks import clean_title, ensure_owned, ensure_storable, reject_unknown
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Position, Profile, Skill
from wayfinder.core.parsing import one_line


class OwnerError(ValueError):
    """A request about owners that cannot be carried out; the message says why."""


@transaction.atomic
def owner_create(
    *,
    username: str,
    display_name: str = "",
    email: str = "",
    time_zone: str = "UTC",
    **profile_fields: str,
) -> Profile:
    """Create a user (with no usable password yet) and their career profile.

    Nothing else: each app creates its own rows when first needed (the plan with its first
    action), so core stays below every app and an import starts from an empty owner.
    """
    username = username.strip()
    if not username:
        raise OwnerError("a username is required")
    user_model = get_user_model()
    # The limits the importer checks (length, allowed characters), so the export imports.
    user = user_model(username=username, email=email)
    ensure_storable(user, error=OwnerError, exclude=["password"])
    ensure_storable(
        Profile(display_name=display_name, time_zone=time_zone, **profile_fields),
        error=OwnerError,
    )
    taken = OwnerError(f"there is already an account named {username!r}")
    if user_model.objects.filter(username=username).exists():
        raise taken
    try:
        # Two `init`s at once: the unique username decides, the loser is told in a sentence.
        with transaction.atomic():
            user = user_model.objects.create_user(username=username, email=email)
    except IntegrityError:
        raise taken from None
    profile = Profile.objects.create(
        user=user, display_name=display_name, time_zone=time_zone, **profile_fields
    )
    return profile


def skills_get_or_create(
    *, owner: Profile, names: list[str], error: type[Exception] = OwnerError
) -> list[Skill]:
    """The owner's skills with these names (any case), creating the missing ones.

    Safe when two writers add the same new skill at once: the unique constraint on
    LOWER(name) decides, and the one that loses reads the winner's row.
    """
    wanted: dict[str, str] = {}
    for name in names:
        clean = " ".join(name.split())
        if clean:
            ensure_storable(Skill(owner=owner, name=clean), error=error)
            wanted.setdefault(clean.lower(), clean)
    return [_skill_get_or_create(owner=owner, name=name) for name in wanted.values()]


def _skill_get_or_create(*, owner: Profile, name: str) -> Skill:
    # Compared with the constraint's own LOWER(), in the database: SQLite folds only ASCII.
    same = Skill.objects.for_owner(owner).alias(lowered=Lower("name"))
    same = same.filter(lowered=Lower(Value(name, output_field=CharField())))
    skill = same.first()
    if skill is not None:
        return skill
    try:
        with transaction.atomic():
            return Skill.objects.create(owner=owner, name=name)
    except IntegrityError:
        return same.get()


PROFILE_FIELDS = {
    "display_name",
    "current_title",
    "level",
    "seniority",
    "function",
    "organisation",
    "summary",
    "time_zone",
}


def profile_update(*, owner: Profile, **fields: str) -> Profile:
    """Change the owner's profile: role, level, function, organisation, summary, time zone."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise OwnerError(f"not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(owner, name, value)
    owner.updated_at = timezone.now()
    owner.full_clean(exclude=["user"])
    owner.save()
    return owner


class PositionChanges(TypedDict, total=False):
    title: str
    organisation: str
    location: str
    started_on: dt.date
    ended_on: dt.date | None
    summary: str
    highlight_wins: bool


def _position_check(position: Position, *, today: dt.date) -> None:
    """The rules of a role in the history; the message says what to change."""
    position.title = clean_title(position.title, model=Position, what="a role", error=OwnerError)
    position.organisation = one_line(position.organisation)
    position.location = one_line(position.location)
    position.summary = position.summary.strip()
    started, ended = position.started_on, position.ended_on
    if started is None:
        raise OwnerError("say when the role started")
    if started > today:
        raise OwnerError(
            f"the role starts on {date_shown(started)}, after today: add it once it has begun"
        )
    if ended is not None and ended < started:
        raise OwnerError(
            f"the role ends on {date_shown(ended)}, before it starts on {date_shown(started)}"
        )
    if ended is not None and ended > today:
        raise OwnerError(
            f"the end date {date_shown(ended)} is after today: leave it empty while you "
            "still hold the role"
        )
    ensure_storable(position, error=OwnerError, exclude=["owner"])


def _position_save(position: Position) -> Position:
    try:
        # Two saves of the same role at once (a double click): the constraint decides.
        with transaction.atomic():
            position.save()
    except IntegrityError:
        at = f" at {position.organisation}" if position.organisation else ""
        raise OwnerError(
            f"you already have the role {position.title!r}{at} starting on "
            f"{date_shown(position.started_on)}"
        ) from None
    return position


def position_create(
    *,
    owner: Profile,
    today: dt.date,
    title: str,
    started_on: dt.date,
    organisation: str = "",
    location: str = "",
    ended_on: dt.date | None = None,
    summary: str = "",
    highlight_wins: bool = True,
) -> Position:
    """Add a role to the owner's history; without an end date it is one they still hold."""
    position = Position(
        owner=owner,
        title=title,
        organisation=organisation,
        location=location,
        started_on=started_on,
        ended_on=ended_on,
        summary=summary,
        highlight_wins=highlight_wins,
    )
    _position_check(position, today=today)
    return _position_save(position)


def position_update(
    *, owner: Profile, position: Position, today: dt.date, **changes: Unpack[PositionChanges]
) -> Position:
    """Change a role in the history; only the fields given change (None clears the end)."""
    ensure_owned(owner, position, "role", error=OwnerError)
    reject_unknown(changes, PositionChanges)
    for field, value in changes.items():
        setattr(position, field, value)
    _position_check(position, today=today)
    return _position_save(position)


def position_delete(*, owner: Profile, position: Position) -> None:
    """Remove a role from the history; wins of its period stay (they are dated, not tied)."""
    ensure_owned(owner, position, "role", error=OwnerError)
    position.delete()
