"""The owner's full export: every domain row as versioned, deterministic JSON.

This is the owner's own backup, so private fields and records are included. Rows are
named by a per-section `ref` (1..n in primary-key order) instead of database ids, so the
same data exported from two databases is the same file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.db import models

from wayfinder.core.models import Profile
from wayfinder.portability.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    profile_fields,
    section_of,
    sections,
    value_text,
)
from wayfinder.portability.selectors import read_snapshot


class ExportError(RuntimeError):
    """The data cannot be exported as it stands (a row points at another owner's row)."""


def _m2m_links(field: models.ManyToManyField, owner: Profile) -> dict[int, list[int]]:
    """Target ids per source id for one many-to-many field, in one query."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links: dict[int, list[int]] = defaultdict(list)
    rows = through.objects.filter(**{f"{source}__owner": owner}).values_list(
        f"{source}_id", f"{target}_id"
    )
    for source_id, target_id in rows:
        links[source_id].append(target_id)
    return links


def owner_export(*, owner: Profile) -> dict[str, Any]:
    """Everything the owner has recorded, as plain JSON-ready data, from one snapshot of
    the database (rows written meanwhile are either all in or all out)."""
    with read_snapshot():
        return _export(owner)


def _export(owner: Profile) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    data["profile"] = {"username": owner.user.get_username()} | {
        field.name: value_text(field, getattr(owner, field.attname)) for field in profile_fields()
    }
    refs: dict[str, dict[int, int]] = {}
    for section in sections():
        fields = section.fields
        plain = [f for f in fields if not f.is_relation]
        foreign = [f for f in fields if f.many_to_one or f.one_to_one]
        many = [f for f in fields if f.many_to_many]
        links = {f.name: _m2m_links(f, owner) for f in many}

        def ref_of(field: models.Field, pk: int | None, row_pk: int, key: str = section.key):
            if pk is None:
                return None
            target = section_of(field.related_model)
            try:
                return refs[target][pk]
            except KeyError:
                raise ExportError(
                    f"{key} row {row_pk}: {field.name} points at a row outside this owner's data"
                ) from None

        rows = list(
            section.model.objects.for_owner(owner)
            .order_by("pk")
            .values("pk", *(f.attname for f in plain + foreign))
        )
        # Known before the rows are written: a row may point at another of its section.
        refs[section.key] = {row["pk"]: ref for ref, row in enumerate(rows, start=1)}
        out = []
        for ref, row in enumerate(rows, start=1):
            item: dict[str, Any] = {"ref": ref}
            for field in plain:
                item[field.name] = value_text(field, row[field.attname])
            for field in foreign:
                item[field.name] = ref_of(field, row[field.attname], row["pk"])
            out.append((row["pk"], item))
        for pk, item in out:
            for field in many:
                item[field.name] = sorted(
                    ref_of(field, target, pk) for target in links[field.name].get(pk, [])
                )
        data[section.key] = [item for _, item in out]
    return data


def export_text(data: dict[str, Any]) -> str:
    """The file's text: stable key order and indentation, no timestamp, final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
