"""Checks every service makes before it writes: the objects are the owner's, the changes
are fields it knows, the values fit the model."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import CharField, Model

from wayfinder.core.models import Profile
from wayfinder.core.parsing import one_line
from wayfinder.core.storable import text_problem


def ensure_owned(owner: Profile, obj: Any, what: str, *, error: type[Exception]) -> None:
    """Refuse, with the app's own error, an object that belongs to someone else."""
    if obj is not None and obj.owner_id != owner.id:
        raise error(f"that {what} is not one of yours")


def clean_title(title: str, *, model: type[Model], what: str, error: type[Exception]) -> str:
    """A record's title on one line, refused with the app's own error when it is empty or
    longer than the model's `title` field allows."""
    title = one_line(title)
    if not title:
        raise error(f"{what} needs a title")
    limit = max_length(model, "title")
    if len(title) > limit:
        raise error(f"keep the title under {limit} characters")
    return title


def max_length(model: type[Model], name: str) -> int:
    """The most characters the text field `name` of `model` stores."""
    field = model._meta.get_field(name)
    if not isinstance(field, CharField) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a text field with a max_length")
    return field.max_length


def reject_unknown(changes: Mapping[str, object], allowed: type) -> None:
    """Python does not enforce a TypedDict on **kwargs; a typo must not pass silently."""
    unknown = set(changes) - set(allowed.__annotations__)
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")


def ensure_storable(obj: Model, *, error: type[Exception], exclude: Iterable[str] = ()) -> None:
    """Refuse, with the app's own error, a value the model's fields do not allow: text too
    long or with a NUL, a number that is not finite, a value outside its choices.

    The limits are the model's own (max_length, validators, choices), the same ones the
    importer checks, so whatever a service stores can be exported and imported again.
    SQLite alone would store a 100,000-character skill name without a word.
    """
    meta = obj._meta
    skipped = set(exclude)
    for f in meta.concrete_fields:
        if f.is_relation or f.primary_key or f.name in skipped:
            skipped.add(f.name)
            continue
        value = getattr(obj, f.attname)
        what = f"the {meta.verbose_name}'s {f.verbose_name}"
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                raise error(f"{what} {problem}")
            if f.max_length is not None and len(value) > f.max_length:
                raise error(f"keep {what} under {f.max_length} characters")
        elif isinstance(value, float) and not math.isfinite(value):
            raise error(f"{what} must be a number (got {value!r})")
    try:
        obj.clean_fields(exclude=skipped)
    except ValidationError as problem:
        name, messages = next(iter(problem.message_dict.items()))
        label = meta.get_field(name).verbose_name
        raise error(f"the {meta.verbose_name}'s {label}: {messages[0].rstrip('.')}") from None
