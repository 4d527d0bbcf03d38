"""Importing a Wayfinder export: validate the whole file, then write it in one transaction.

A refusal is one message that names what is wrong and where (`goals[3].horizon: ...`,
list positions counted from 0); nothing is written unless everything is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from dataclasses import dataclass, field
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import CheckConstraint, Q, UniqueConstraint

from wayfinder.core.models import Profile
from wayfinder.core.services import OwnerError, owner_create
from wayfinder.portability.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Section,
    profile_fields,
    section_of,
    sections,
)
from wayfinder.portability.selectors import domain_data_exists

BATCH_SIZE = 500

# Plain words for the models' check constraints, so a refusal says which rule was broken.
CONSTRAINT_RULES = {
    "ambition_version_gte_1": "version must be 1 or more",
    "careerpath_ruled_out_needs_reason": "a ruled-out path needs a verdict_reason",
    "person_relative_level_range": "relative_level must be between -5 and 6",
    "experiment_ends_after_start": "ends_on must not be before starts_on",
    "experiment_concluded_has_verdict": "a concluded experiment needs a verdict",
    "checkin_energy_1_to_5": "energy must be between 1 and 5",
    "action_done_has_completed_on": "a done action needs completed_on",
    "plan_one_per_owner": "an owner has one development plan",
    "privatenote_one_backup_plan_per_owner": "only one private note can be the backup plan",
}


class ImportRefused(ValueError):
    """The file cannot be imported; the message says what is wrong and where."""


def _refuse(message: str) -> NoReturn:
    raise ImportRefused(message)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            _refuse(f"invalid JSON: the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    _refuse(f"invalid JSON: {name} is not a number JSON allows")


def import_parse(raw: bytes | str) -> Any:
    """The file's JSON, or a refusal that says where it stops being valid JSON."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _refuse(f"byte {error.start}: the file is not UTF-8 text")
    if not raw.strip():
        _refuse("the file is empty")
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        ending = ""
        complete = raw.rstrip()
        if error.pos >= len(complete) or not complete.endswith(("}", "]")):
            ending = "; the file ends too early (truncated?)"
        _refuse(f"line {error.lineno} column {error.colno}: invalid JSON ({error.msg}){ending}")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choices_text(field: models.Field) -> str:
    return ", ".join(str(value) or "'' (none)" for value, _ in field.flatchoices)


def _python_value(field: models.Field, raw: Any, where: str) -> Any:
    """A plain field's value from its JSON, or a refusal naming `where`."""
    if raw is None:
        if not field.null:
            _refuse(f"{where}: must not be null")
        return None
    if isinstance(field, models.JSONField):
        value = raw
    elif isinstance(field, models.BooleanField):
        if not isinstance(raw, bool):
            _refuse(f"{where}: expected true or false, got {_type_name(raw)}")
        value = raw
    elif isinstance(field, models.IntegerField):
        if not _is_int(raw):
            _refuse(f"{where}: expected a whole number, got {_type_name(raw)}")
        value = raw
    elif isinstance(field, models.FloatField):
        if not (_is_int(raw) or isinstance(raw, float)) or not math.isfinite(raw):
            _refuse(f"{where}: expected a number, got {_type_name(raw)}")
        value = float(raw)
    elif not isinstance(raw, str):
        _refuse(f"{where}: expected text, got {_type_name(raw)}")
    elif isinstance(field, models.DateTimeField):
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            _refuse(f"{where}: {raw!r} is not a date and time like 2026-11-23T09:30:00Z")
        if value.tzinfo is None:
            _refuse(f"{where}: {raw!r} has no time zone; end it with Z for UTC")
        value = value.astimezone(dt.UTC)
    elif isinstance(field, models.DateField):
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            _refuse(f"{where}: {raw!r} is not a date like 2026-11-23")
    elif isinstance(field, models.UUIDField):
        try:
            value = uuid.UUID(raw)
        except ValueError:
            _refuse(f"{where}: {raw!r} is not a UUID")
    else:
        value = raw
    if field.choices and value not in {choice for choice, _ in field.flatchoices}:
        _refuse(f"{where}: {value!r} is not one of {_choices_text(field)}")
    # A model default (a JSON field's {}) is accepted even where a form would want a value.
    default = field.get_default() if field.has_default() else None
    if value in field.empty_values and not field.blank and value != default:
        _refuse(f"{where}: must not be empty")
    try:
        field.run_validators(value)
    except ValidationError as error:
        _refuse(f"{where}: {' '.join(error.messages)}")
    return value


def _check_keys(item: Any, expected: set[str], where: str) -> None:
    if not isinstance(item, dict):
        _refuse(f"{where}: expected an object, got {_type_name(item)}")
    missing = expected - item.keys()
    if missing:
        _refuse(f"{where}: missing key {sorted(missing)[0]!r}")
    extra = item.keys() - expected
    if extra:
        _refuse(f"{where}: unknown key {sorted(extra)[0]!r}")


@dataclass
class Row:
    ref: int
    where: str
    values: dict[str, Any]  # attname -> Python value, foreign keys as refs
    links: dict[str, list[int]]  # many-to-many field name -> target refs


@dataclass
class ValidImport:
    """A file that passed every check, ready to be written."""

    username: str
    profile: dict[str, Any]
    rows: dict[str, list[Row]] = field(default_factory=dict)


def _check_ref(raw: Any, target: str, refs: dict[str, set[int]], where: str) -> int:
    if not _is_int(raw):
        _refuse(f"{where}: expected a ref (a whole number), got {_type_name(raw)}")
    if raw not in refs[target]:
        _refuse(f"{where}: ref {raw} not found in {target}")
    return raw


def _validate_row(section: Section, item: Any, where: str, refs: dict[str, set[int]]) -> Row:
    fields = section.fields
    _check_keys(item, {"ref"} | {f.name for f in fields}, where)
    ref = item["ref"]
    if not _is_int(ref) or ref < 1:
        _refuse(f"{where}.ref: expected a whole number from 1, got {ref!r}")
    if ref in refs[section.key]:
        _refuse(f"{where}.ref: ref {ref} is used twice in {section.key}")
    values: dict[str, Any] = {}
    links: dict[str, list[int]] = {}
    for f in fields:
        at = f"{where}.{f.name}"
        raw = item[f.name]
        if f.many_to_many:
            if not isinstance(raw, list):
                _refuse(f"{at}: expected a list of refs, got {_type_name(raw)}")
            target = section_of(f.related_model)
            targets = [_check_ref(value, target, refs, f"{at}[{i}]") for i, value in enumerate(raw)]
            if len(set(targets)) != len(targets):
                _refuse(f"{at}: a ref appears twice")
            links[f.name] = targets
        elif f.is_relation:
            if raw is None and not f.null:
                _refuse(f"{at}: must not be null")
            target = section_of(f.related_model)
            values[f.attname] = None if raw is None else _check_ref(raw, target, refs, at)
        else:
            values[f.attname] = _python_value(f, raw, at)
    return Row(ref=ref, where=where, values=values, links=links)


class _Conditions:
    """Whether a row meets a constraint's condition, asked of the database once per
    distinct set of the values the condition reads."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.verdicts: dict[tuple, bool] = {}

    def hold(self, name: str, condition: Q, row: Row) -> bool:
        meta = self.model._meta
        names = sorted(Q(condition).referenced_base_fields)
        key = (name, *(row.values[meta.get_field(n).attname] for n in names))
        if key not in self.verdicts:
            try:
                CheckConstraint(condition=condition, name=name).validate(
                    self.model, self.model(**row.values)
                )
                self.verdicts[key] = True
            except ValidationError:
                self.verdicts[key] = False
        return self.verdicts[key]


def _rule(name: str) -> str:
    return CONSTRAINT_RULES.get(name, f"the rule {name}")


def _check_constraints(section: Section, rows: list[Row]) -> None:
    """The model's check constraints and its uniqueness among the rows of the file."""
    meta = section.model._meta
    conditions = _Conditions(section.model)
    for constraint in meta.constraints:
        if isinstance(constraint, CheckConstraint):
            for row in rows:
                if not conditions.hold(constraint.name, constraint.condition, row):
                    _refuse(f"{row.where}: {_rule(constraint.name)}")
    unique = [
        ((f.name,), None, f.name) for f in meta.concrete_fields if f.unique and f is not meta.pk
    ]
    unique += [
        (c.fields, c.condition, c.name)
        for c in meta.constraints
        # Expression constraints (a case-insensitive name) are left to the database.
        if isinstance(c, UniqueConstraint) and c.fields
    ]
    for names, condition, name in unique:
        # Every row has the same owner, so the owner drops out of the key.
        fields = [meta.get_field(n) for n in names if n != "owner"]
        seen: dict[tuple, Row] = {}
        for row in rows:
            key = tuple(row.values[f.attname] for f in fields)
            if None in key or (condition and not conditions.hold(name, condition, row)):
                continue
            if key in seen and fields:
                shown = " and ".join(f"{f.name} {v}" for f, v in zip(fields, key, strict=True))
                _refuse(f"{row.where}: {shown} repeats {seen[key].where}")
            if key in seen:
                _refuse(f"{row.where}: {_rule(name)} ({seen[key].where} is one already)")
            seen[key] = row
        if "owner" not in names and len(fields) == 1 and not fields[0].is_relation:
            _check_unique_on_instance(section, fields[0], seen)


def _check_unique_on_instance(section: Section, field: models.Field, seen: dict) -> None:
    """A key with no owner or parent in it must be unique across the whole instance."""
    values = [key[0] for key in seen]
    for start in range(0, len(values), BATCH_SIZE):
        batch = values[start : start + BATCH_SIZE]
        taken = section.model.objects.filter(**{f"{field.attname}__in": batch})
        first = min(
            (seen[(value,)] for value in taken.values_list(field.attname, flat=True)),
            key=lambda row: row.ref,
            default=None,
        )
        if first is not None:
            value = first.values[field.attname]
            _refuse(f"{first.where}.{field.name}: {value} already exists on this instance")


def _validate_profile(raw: Any) -> tuple[str, dict[str, Any]]:
    fields = profile_fields()
    _check_keys(raw, {"username"} | {f.name for f in fields}, "profile")
    username_field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    username = _python_value(username_field, raw["username"], "profile.username")
    values = {f.attname: _python_value(f, raw[f.name], f"profile.{f.name}") for f in fields}
    try:
        ZoneInfo(values["time_zone"])
    except (ZoneInfoNotFoundError, ValueError):
        _refuse(f"profile.time_zone: {values['time_zone']!r} is not a known time zone")
    return username, values


def import_validate(data: Any) -> ValidImport:
    """Check the whole file before anything is written."""
    if not isinstance(data, dict):
        _refuse(f"expected a Wayfinder export (a JSON object), got {_type_name(data)}")
    if data.get("format") != FORMAT_NAME:
        _refuse(f"format: expected {FORMAT_NAME!r}, got {data.get('format')!r}")
    version = data.get("version")
    if version != FORMAT_VERSION or not _is_int(version):
        _refuse(f"version: {version!r} is not supported (this Wayfinder reads {FORMAT_VERSION})")
    all_sections = sections()
    _check_keys(data, {"format", "version", "profile"} | {s.key for s in all_sections}, "file")
    username, profile = _validate_profile(data["profile"])
    result = ValidImport(username=username, profile=profile)
    refs: dict[str, set[int]] = {}
    for section in all_sections:
        items = data[section.key]
        if not isinstance(items, list):
            _refuse(f"{section.key}: expected a list, got {_type_name(items)}")
        refs[section.key] = set()
        rows = []
        for index, item in enumerate(items):
            row = _validate_row(section, item, f"{section.key}[{index}]", refs)
            refs[section.key].add(row.ref)
            rows.append(row)
        _check_constraints(section, rows)
        result.rows[section.key] = sorted(rows, key=lambda row: row.ref)
    return result


def _existing_target(username: str | None) -> Profile | None:
    """The owner to import into if there is one, refusing an owner who has data."""
    profiles = Profile.objects.select_related("user")
    if username:
        owner = profiles.filter(user__username=username).first()
    else:
        found = list(profiles.order_by("id")[:2])
        if len(found) > 1:
            _refuse("this instance has several owners: name one with --owner USERNAME")
        owner = found[0] if found else None
    if owner is not None and domain_data_exists(owner=owner):
        _refuse(
            f"owner {owner.user.get_username()!r} already has data; import into an empty "
            "instance, or into a new owner with --owner NEW_USERNAME"
        )
    return owner


@dataclass(frozen=True)
class ImportResult:
    owner: Profile
    counts: list[tuple[str, int]]


def _write(valid: ValidImport, owner: Profile) -> list[tuple[str, int]]:
    from wayfinder.plan.models import DevelopmentPlan

    for name, value in valid.profile.items():
        setattr(owner, name, value)
    owner.save()
    DevelopmentPlan.objects.for_owner(owner).delete()
    pks: dict[str, dict[int, int]] = {}
    counts = []
    for section in sections():
        rows = valid.rows[section.key]
        relations = {
            f.attname: section_of(f.related_model)
            for f in section.fields
            if f.is_relation and not f.many_to_many
        }
        objects = []
        for row in rows:
            values = dict(row.values)
            for attname, target in relations.items():
                if values[attname] is not None:
                    values[attname] = pks[target][values[attname]]
            objects.append(section.model(owner=owner, **values))
        try:
            created = section.model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            pks[section.key] = {row.ref: obj.pk for row, obj in zip(rows, created, strict=True)}
            for f in section.fields:
                if f.many_to_many:
                    _write_links(f, rows, pks, section.key)
        except IntegrityError as error:
            _refuse(f"{section.key}: the database refused these rows ({error})")
        counts.append((section.key, len(rows)))
    return counts


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
                _refuse(str(error))
        counts = _write(valid, owner)
    return ImportResult(owner=owner, counts=counts)
