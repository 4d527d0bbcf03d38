"""Writes for the career owner."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Lower
from django.utils import timezone

from wayfinder.core.checks import ensure_storable
from wayfinder.core.models import Profile, Skill


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
    "time_zone",
}


def profile_update(*, owner: Profile, **fields: str) -> Profile:
    """Change the owner's profile: role, level, function, organisation, time zone."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise OwnerError(f"not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(owner, name, value)
    owner.updated_at = timezone.now()
    owner.full_clean(exclude=["user"])
    owner.save()
    return owner
