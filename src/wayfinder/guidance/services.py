"""Writes for the owner's guidance settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from wayfinder.core.models import Profile
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance.models import THRESHOLD_FIELDS, GuidanceSettings

SETTINGS_FIELDS = frozenset(THRESHOLD_FIELDS) | {"digest_send_empty"}


class GuidanceError(ValueError):
    """A setting that cannot be saved as given; the message says why."""


def _first_error(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.error_dict.items()))
        return f"{name}: {errors[0].messages[0]}"
    return error.messages[0]


@transaction.atomic
def guidance_settings_update(*, owner: Profile, **fields: int | bool) -> GuidanceSettings:
    """Change some of the owner's thresholds or digest choices; the rest stay as they are."""
    unknown = set(fields) - SETTINGS_FIELDS
    if unknown:
        raise GuidanceError(f"not guidance settings: {', '.join(sorted(unknown))}")
    settings = GuidanceSettings.objects.for_owner(
        owner
    ).select_for_update().first() or GuidanceSettings(owner=owner)
    for name, value in fields.items():
        setattr(settings, name, value)
    try:
        settings.full_clean(exclude=["owner"], validate_unique=False)
    except ValidationError as error:
        raise GuidanceError(_first_error(error)) from None
    settings.save()
    return settings


def guidance_settings_reset(*, owner: Profile) -> GuidanceSettings:
    """Every threshold back to the defaults; the digest choice is kept."""
    return guidance_settings_update(
        owner=owner, **{name: getattr(DEFAULTS, name) for name in THRESHOLD_FIELDS}
    )


def owner_email_set(*, owner: Profile, email: str) -> None:
    """Where the weekly digest goes: the owner's account email ("" for none)."""
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise GuidanceError(f"{email!r} is not an email address") from None
    user = owner.user
    user.email = email
    user.save(update_fields=["email"])
