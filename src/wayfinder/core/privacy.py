"""Privacy, declared once: what of the owner's record is private, and the projection of
the record that may leave it.

A model declares what of it is private with its `privacy` attribute (OwnedModel's is
None: nothing)::

    class Win(OwnedModel):
        privacy = Private(fields=("private_notes",))  # a private field on every row

    class JournalEntry(OwnedModel):
        privacy = Private(record_flag="is_private")   # rows flagged so are private records

    class PrivateNote(OwnedModel):
        privacy = Private(every_record=True)          # every row is a private record

`declarations()` is the registry: every installed model with a declaration, read from
the models themselves, so core imports no domain app.

Everything made for someone else (the narrative and its exports, the agenda and its
export, resume.json, `today` and the digest, and next shares, the API and the calendar
feed) is built from the projection, never from the raw record:

- `outward(queryset)`: the rows that may leave. Private records are left out and private
  fields are not loaded; any instance of a declared model loaded while it is evaluated
  (its rows, `select_related` joins, prefetches) is *sealed*.
- `outward_reader` (a decorator) and `outward_reading()` (a context manager): every
  instance of a declared model loaded inside is sealed, whichever selector loads it and
  however (a lazy relation included). A private record loaded inside is refused.
- `seal(instance)`: seals, in place, an instance loaded before (one a view hands over)
  and the related rows it holds.
- `outward_fields(model)`: the fields of a model that may leave, the allow-list that a
  per-section share starts from.

A sealed instance never holds its private fields: reading one raises `PrivateDataError`
instead of loading it (Django's `.defer()` alone would load it on access), and saving a
sealed instance writes only the fields it holds. `values()` and `values_list()` of an
outward queryset refuse private fields; raw SQL and aggregates are not covered, so outward
readers read model instances. The owner's own pages and the owner's own full export and
backup read the record directly: they are the owner's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.expressions import Combinable

if TYPE_CHECKING:
    from collections.abc import Iterable

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=models.Model)
Q = TypeVar("Q", bound=models.QuerySet)

_SEALED = "_privacy_sealed"
_reading_outward: ContextVar[bool] = ContextVar("wayfinder_reading_outward", default=False)


class PrivateDataError(PermissionError):
    """Private data was asked for where only what may leave is read."""


@dataclass(frozen=True)
class Private:
    """What of a model is private: `fields` on every row, and which rows are private
    records (all of them, or those whose boolean `record_flag` is true)."""

    fields: tuple[str, ...] = ()
    every_record: bool = False
    record_flag: str = ""

    def is_private_record(self, obj: models.Model) -> bool:
        """Whether `obj` is a private record; one whose flag was not loaded counts as one."""
        if self.every_record:
            return True
        if not self.record_flag:
            return False
        return obj.__dict__.get(self.record_flag, True) is not False


def declaration(model: type[models.Model]) -> Private | None:
    return getattr(model, "privacy", None)


def declarations() -> dict[type[models.Model], Private]:
    """The registry: every installed model that declares something private."""
    found = {}
    for model in apps.get_models():
        declared = declaration(model)
        if declared is None:
            continue
        _validate(model, declared)
        found[model] = declared
    return found


def _validate(model: type[models.Model], declared: Private) -> None:
    from wayfinder.core.models import OwnedModel

    label = model._meta.label
    if not issubclass(model, OwnedModel):
        raise ImproperlyConfigured(f"{label} declares privacy but is not an OwnedModel")
    names = {field.attname for field in model._meta.concrete_fields}
    unknown = set(declared.fields) - names
    if unknown:
        raise ImproperlyConfigured(f"{label} declares unknown private fields {sorted(unknown)}")
    if declared.record_flag and not isinstance(
        model._meta.get_field(declared.record_flag), models.BooleanField
    ):
        raise ImproperlyConfigured(f"{label}.{declared.record_flag} is not a boolean field")


def private_fields(model: type[models.Model]) -> frozenset[str]:
    declared = declaration(model)
    return frozenset(declared.fields) if declared else frozenset()


def is_private_record(obj: models.Model) -> bool:
    declared = declaration(type(obj))
    return declared is not None and declared.is_private_record(obj)


def outward_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The concrete fields of `model` that may leave; none of a model whose every row is
    private."""
    declared = declaration(model)
    if declared is not None and declared.every_record:
        return ()
    hidden = private_fields(model)
    return tuple(f.name for f in model._meta.concrete_fields if f.attname not in hidden)


# --- Sealing -------------------------------------------------------------------------------


def reading_outward() -> bool:
    return _reading_outward.get()


@contextmanager
def outward_reading() -> Iterator[None]:
    """Inside, every instance of a declared model loaded from the database is sealed, and
    loading a private record raises PrivateDataError."""
    token = _reading_outward.set(True)
    try:
        yield
    finally:
        _reading_outward.reset(token)


def outward_reader(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` inside `outward_reading()`: what it builds for someone else is built
    from the projection, whatever it reads."""

    @functools.wraps(function)
    def reader(*args: P.args, **kwargs: P.kwargs) -> R:
        with outward_reading():
            return function(*args, **kwargs)

    return reader


def seal(obj: M) -> M:
    """Drop the private fields of `obj` and of the related rows it holds (in place), and
    refuse to load them again; a private record is refused. Returns `obj`.

    For an instance loaded before the outward reader was called, such as the one a view
    hands over."""
    held: list[models.Model] = [obj]
    seen: set[int] = set()
    while held:
        row = held.pop()
        if id(row) in seen:
            continue
        seen.add(id(row))
        declared = declaration(type(row))
        if declared is not None:
            if declared.is_private_record(row):
                raise PrivateDataError(f"a private {row._meta.verbose_name} cannot be read here")
            for name in declared.fields:
                row.__dict__.pop(name, None)
            row.__dict__[_SEALED] = True
        held += [r for r in row._state.fields_cache.values() if isinstance(r, models.Model)]
    return obj


def is_sealed(obj: models.Model) -> bool:
    return bool(obj.__dict__.get(_SEALED))


def refuse_private_load(obj: models.Model, fields: Iterable[str] | None) -> None:
    """Called before a sealed instance reloads fields: a private one is refused."""
    if fields is None or not is_sealed(obj):
        return
    asked = private_fields(type(obj)).intersection(fields)
    if asked:
        raise PrivateDataError(
            f"{', '.join(sorted(asked))} of {obj._meta.verbose_name} is private: "
            "it is not read here"
        )


# --- The projection of a queryset -------------------------------------------------------


class _Outward(models.QuerySet):
    """Mixed in front of a queryset's own class by `outward()`; kept by every chained call."""

    def _fetch_all(self) -> None:
        with outward_reading():
            super()._fetch_all()

    def iterator(self, chunk_size: int | None = None) -> Iterator[Any]:
        with outward_reading():
            yield from super().iterator(chunk_size=chunk_size)

    def values(self, *fields: str | Combinable, **expressions: Any) -> models.QuerySet:
        _refuse_private_names(self.model, fields)
        return super().values(*fields, **expressions)

    def values_list(
        self, *fields: str | Combinable, flat: bool = False, named: bool = False
    ) -> models.QuerySet:
        _refuse_private_names(self.model, fields)
        return super().values_list(*fields, flat=flat, named=named)


def _refuse_private_names(model: type[models.Model], fields: tuple[str | Combinable, ...]) -> None:
    hidden = private_fields(model)
    if hidden and not fields:
        raise PrivateDataError(f"name the fields of {model._meta.label} to read: some are private")
    asked = hidden.intersection(name for name in fields if isinstance(name, str))
    if asked:
        raise PrivateDataError(f"{', '.join(sorted(asked))} of {model._meta.label} is private")


_outward_classes: dict[type[models.QuerySet], type[models.QuerySet]] = {}


def _outward_class(cls: type[models.QuerySet]) -> type[models.QuerySet]:
    if cls not in _outward_classes:
        _outward_classes[cls] = type(f"Outward{cls.__name__}", (_Outward, cls), {})
    return _outward_classes[cls]


def outward(queryset: Q) -> Q:
    """What of `queryset` may leave: private records left out, private fields not loaded,
    every instance it loads sealed. Chain on it as on any queryset."""
    if queryset._iterable_class is not models.query.ModelIterable:
        raise TypeError("outward() takes a queryset of rows: call values() after it")
    declared = declaration(queryset.model)
    if declared is not None:
        if declared.every_record:
            queryset = queryset.none()
        elif declared.record_flag:
            queryset = queryset.filter(**{declared.record_flag: False})
        if declared.fields:
            queryset = queryset.defer(*declared.fields)
    projected: models.QuerySet = queryset.all()
    if not isinstance(projected, _Outward):
        projected.__class__ = _outward_class(type(projected))
    return cast(Q, projected)
