"""New rows inserted as the ORM inserts them, with each model's INSERT compiled once per
database connection.

Logging a win through the API writes two rows, and building their INSERTs anew (the ORM's
compiler, run for every `save()` and `bulk_create()`) cost more than running them. Here the
ORM still writes the SQL (once per model and connection), prepares every value
(`Field.pre_save`, `get_db_prep_save`) and reads the new primary key back (`RETURNING`);
only the compiling is done once, as for the token a request carries (api/selectors.py).

Where a row would not come out the same, the ORM itself does the insert: a model whose
save is its own (not `Model.save`, nor `OwnedModel.save`, which adds nothing to an
insert), one with `pre_save`/`post_save` listeners (for `insert_saved`), a multi-table
child or a proxy, a field with its own placeholder or a database default to read back, a
value that is an expression, a row that already has its primary key, or a database that
cannot return the key from an INSERT.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import connections, router, transaction
from django.db.models import Field, Model, signals
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLInsertCompiler

from wayfinder.core.models import OwnedModel

M = TypeVar("M", bound=Model)

# Saves that add nothing to an insert (OwnedModel's moves `updated_at` on an update only).
PLAIN_SAVES = frozenset({Model.save, OwnedModel.save})
# The steps of a save below `save()` itself: none may be a model's own.
_SAVE_STEPS = ("save_base", "_save_parents", "_save_table", "_do_insert")
# Up to this many rows, one compiled INSERT each costs less than compiling the ORM's one
# multi-row INSERT; past it, `bulk_create` writes them in one statement (a request may hold
# thousands of metrics, and each statement would be one more under the write lock).
BULK_COMPILED_MAX = 4


@dataclass(frozen=True)
class _Compiled:
    """One model's INSERT of a row without its primary key, returning the key."""

    sql: str
    fields: tuple[Field, ...]
    compiler: SQLInsertCompiler
    converters: dict


# Keyed by connection object (one per thread), then by model: a compiler holds its
# connection. A model the fast path does not take maps to None.
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def insert_saved(instance: Model) -> None:
    """`instance.save()` for a new row: the same row, `pk` and state, without compiling."""
    cls = type(instance)
    if signals.pre_save.has_listeners(cls) or signals.post_save.has_listeners(cls):
        instance.save()
        return
    instance._prepare_related_fields_for_save(operation_name="save")
    alias = router.db_for_write(cls, instance=instance)
    compiled = _compiled(cls, alias) if cls.save in PLAIN_SAVES else None
    values = _values(instance, compiled) if compiled is not None else None
    if values is None:
        instance.save(using=alias)
        return
    with transaction.mark_for_rollback_on_error(using=alias):
        _insert(instance, compiled, values, alias)


def insert_bulk(model: type[M], rows: Sequence[M]) -> list[M]:
    """`model.objects.bulk_create(rows)` (no save(), no signals): the same rows, their
    `pk`s and state; up to BULK_COMPILED_MAX rows, one INSERT each without compiling."""
    rows = list(rows)
    if not rows:
        return rows
    alias = router.db_for_write(model)
    if len(rows) > BULK_COMPILED_MAX:
        return model._default_manager.using(alias).bulk_create(rows)
    compiled = _compiled(model, alias)
    for row in rows:
        row._prepare_related_fields_for_save(operation_name="bulk_create")
    prepared = [_values(row, compiled) for row in rows] if compiled is not None else []
    if compiled is None or any(values is None for values in prepared):
        return model._default_manager.using(alias).bulk_create(rows)
    with transaction.atomic(using=alias, savepoint=False):
        for row, values in zip(rows, prepared, strict=True):
            _insert(row, compiled, values, alias)  # type: ignore[arg-type]
    return rows


def _values(instance: Model, compiled: _Compiled) -> list | None:
    """The row's values as the ORM's INSERT sends them; None if the ORM must do it."""
    if instance._is_pk_set() or not instance._state.adding:
        return None
    meta = instance._meta
    if meta.pk.get_pk_value_on_save(instance) is not None:
        return None
    connection = compiled.compiler.connection
    values = []
    for field in compiled.fields:
        value = field.pre_save(instance, add=True)
        if hasattr(value, "resolve_expression"):
            return None
        values.append(field.get_db_prep_save(value, connection=connection))
    return values


def _insert(instance: Model, compiled: _Compiled, values: list, alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, values)
        row = connection.ops.fetch_returned_insert_columns(
            cursor, compiled.compiler.returning_params
        )
    if compiled.converters:
        row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
    setattr(instance, instance._meta.pk.attname, row[0])
    instance._state.db = alias
    instance._state.adding = False


def _compiled(model: type[Model], alias: str) -> _Compiled | None:
    connection = connections[alias]
    known = _COMPILED.setdefault(connection, {})
    if model not in known:
        known[model] = _compile(model, alias)
    return known[model]


def _compile(model: type[Model], alias: str) -> _Compiled | None:
    """The model's INSERT, or None when the ORM must insert its rows (the module's note)."""
    meta = model._meta
    connection = connections[alias]
    if (
        not connection.features.can_return_columns_from_insert
        or meta.proxy
        or meta.all_parents
        or meta.auto_created
        or meta.order_with_respect_to is not None
        or meta.db_returning_fields != [meta.pk]
        or meta.pk is not meta.auto_field
        or any(getattr(model, step) is not getattr(Model, step) for step in _SAVE_STEPS)
    ):
        return None
    # As `Model._save_table` and `QuerySet.bulk_create` choose them for a row without its key.
    fields = tuple(
        f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field
    )
    if fields != tuple(f for f in meta.concrete_fields if not f.generated and not f.primary_key):
        return None
    if any(hasattr(field, "get_placeholder") for field in fields):
        return None
    query = InsertQuery(model)
    query.insert_values(fields, [model()])
    compiler = query.get_compiler(using=alias)
    compiler.returning_fields = [meta.pk]
    statements = compiler.as_sql()
    if len(statements) != 1 or len(statements[0][1]) != len(fields):
        return None  # a default compiled into the SQL: each value must be one parameter
    converters = compiler.get_converters([meta.pk.get_col(meta.db_table)])
    return _Compiled(statements[0][0], fields, compiler, converters)
