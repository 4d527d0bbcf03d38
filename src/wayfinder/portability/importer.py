"""Importing a Wayfinder export: validate the whole file, then write it in one transaction,
so either all of it is imported or nothing is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction

from wayfinder.core.models import Profile
from wayfinder.core.services import OwnerError, owner_create
from wayfinder.core.versions import data_version_bump
from wayfinder.portability.format import section_of, sections
from wayfinder.portability.selectors import domain_data_exists
from wayfinder.portability.validation import Row, ValidImport, import_validate, refuse

BATCH_SIZE = 500


def _existing_target(username: str | None) -> Profile | None:
    """The owner to import into if there is one, refusing an owner who has data."""
    profiles = Profile.objects.select_related("user")
    if username:
        owner = profiles.filter(user__username=username).first()
    else:
        found = list(profiles.order_by("id")[:2])
        if len(found) > 1:
            refuse("this instance has several owners: name one with --owner USERNAME")
        owner = found[0] if found else None
    if owner is not None and domain_data_exists(owner=owner):
        refuse(
            f"owner {owner.user.get_username()!r} already has data; import into an empty "
            "instance, or into a new owner with --owner NEW_USERNAME"
        )
    return owner


@dataclass(frozen=True)
class ImportResult:
    owner: Profile
    counts: list[tuple[str, int]]


def _write(valid: ValidImport, owner: Profile) -> list[tuple[str, int]]:
    for name, value in valid.profile.items():
        setattr(owner, name, value)
    owner.save()
    pks: dict[str, dict[int, int]] = {}
    counts = []
    for section in sections():
        rows = valid.rows[section.key]
        relations = {
            f.attname: section_of(f.related_model)
            for f in section.fields
            if f.is_relation and not f.many_to_many and f.related_model is not section.model
        }
        # Links between rows of this section are written once all of them have ids.
        own = [f.attname for f in section.own_relations]
        objects = []
        for row in rows:
            values = dict(row.values)
            for attname, target in relations.items():
                if values[attname] is not None:
                    values[attname] = pks[target][values[attname]]
            objects.append(section.model(owner=owner, **(values | dict.fromkeys(own))))
        try:
            created = section.model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            pks[section.key] = {row.ref: obj.pk for row, obj in zip(rows, created, strict=True)}
            if own:
                _write_own_links(section.model, own, rows, created, pks[section.key])
            for f in section.fields:
                if f.many_to_many:
                    _write_links(f, rows, pks, section.key)
        except IntegrityError as error:
            refuse(f"{section.key}: the database refused these rows ({error})")
        counts.append((section.key, len(rows)))
    return counts


def _write_own_links(
    model: type[models.Model],
    attnames: list[str],
    rows: list[Row],
    created: list[models.Model],
    section_pks: dict[int, int],
) -> None:
    changed = []
    for row, obj in zip(rows, created, strict=True):
        refs = {name: row.values[name] for name in attnames if row.values[name] is not None}
        for name, ref in refs.items():
            setattr(obj, name, section_pks[ref])
        if refs:
            changed.append(obj)
    model.objects.bulk_update(changed, attnames, batch_size=BATCH_SIZE)


def _write_links(
    f: models.ManyToManyField, rows: list[Row], pks: dict[str, dict[int, int]], key: str
) -> None:
    through = f.remote_field.through
    source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
    target_pks = pks[section_of(f.related_model)]
    links = [
        through(**{f"{source}_id": pks[key][row.ref], f"{target}_id": target_pks[ref]})
        for row in rows
        for ref in row.links[f.name]
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def owner_import(*, data: Any, username: str | None = None) -> ImportResult:
    """Import a parsed export for `username` (or the only owner, or a new owner named in
    the file), all or nothing. Refuses an owner who already has data."""
    _existing_target(username)  # the target's problems first: they are the likelier ones
    valid = import_validate(data)
    with transaction.atomic():
        owner = _existing_target(username)
        if owner is None:
            try:
                owner = owner_create(username=username or valid.username)
            except OwnerError as error:
                refuse(str(error))
        counts = _write(valid, owner)
        data_version_bump(owner_id=owner.pk)
    return ImportResult(owner=owner, counts=counts)
