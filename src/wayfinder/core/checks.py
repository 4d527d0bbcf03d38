"""Checks every service makes before it writes: the objects are the owner's, the changes
are fields it knows."""

from __future__ import annotations

from typing import Any

from wayfinder.core.models import Profile


def ensure_owned(owner: Profile, obj: Any, what: str, *, error: type[Exception]) -> None:
    """Refuse, with the app's own error, an object that belongs to someone else."""
    if obj is not None and obj.owner_id != owner.id:
        raise error(f"that {what} is not one of yours")


def reject_unknown(changes: dict[str, Any], allowed: type) -> None:
    """Python does not enforce a TypedDict on **kwargs; a typo must not pass silently."""
    unknown = set(changes) - set(allowed.__annotations__)
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
