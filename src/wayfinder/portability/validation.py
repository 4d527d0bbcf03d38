"""Validating a Wayfinder export as a whole, before anything is written.

A refusal is one message that names what is wrong and where (`goals[3].horizon: ...`,
list positions counted from 0).
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
from django.db import models
from django.db.models import CheckConstraint, Q, UniqueConstraint

from wayfinder.core.storable import text_problem
from wayfinder.portability.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    Section,
    format_upgrade,
    profile_fields,
    section_of,
    sections,
)

# Values per query when asking whether keys already exist on the instance.
BATCH_SIZE = 500

# Plain words for the models' check constraints, so a refusal says which rule was broken.
CONSTRAINT_RULES = {
    "ambition_version_gte_1": "version must be 1 or more",
    "position_ends_after_it_starts": "ended_on must not be before started_on",
    "careerpath_ruled_out_needs_reason": "a ruled-out path needs a verdict_reason",
    "person_relative_level_range": "relative_level must be between -5 and 6",
    "experiment_ends_after_start": "ends_on must not be before starts_on",
    "experiment_concluded_has_verdict": "a concluded experiment needs a verdict",
    "checkin_energy_1_to_5": "energy must be between 1 and 5",
    "goalcheckin_percent_0_to_100": "percent must be between 0 and 100",
    "goalcheckin_percent_or_milestone": "a goal check-in needs a percent or a milestone",
    "action_done_has_completed_on": "a done action needs completed_on",
    "plan_one_per_owner": "an owner has one development plan",
    "privatenote_one_backup_plan_per_owner": "only one private note can be the backup plan",
    "guidancesettings_one_per_owner": "an owner has one row of guidance settings",
    "guidancesettings_thresholds_positive": "every threshold must be 1 or more",
    "calendarfeed_one_per_owner": "an owner has one calendar feed",
    "calendarfeed_conversation_start_in_the_day": (
        "conversation_start_minute must be from 0 to 1439 (a time of day)"
    ),
    "calendarfeed_conversation_minutes_range": "conversation_minutes must be from 5 to 480",
    "calendarfeed_enabled_has_token": "a calendar feed that is on has a token",
    "ladder_choice_one_per_owner": "an owner measures themselves against one ladder",
    "narrative_period_in_order": "period_end must not be before period_start",
    "share_period_in_order": "period_end must not be before period_start",
    "comment_on_one_item": (
        "a comment is on exactly one of action, goal, win, experiment and conversation"
    ),
    "proposal_action_in_a_conversation": "a proposed action needs its conversation",
    "share_accepted_from_an_invitation": "a share is accepted through its invitation",
}


class ImportRefused(ValueError):
    """The file cannot be imported; the message says what is wrong and where."""


def refuse(message: str) -> NoReturn:
    raise ImportRefused(message)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            refuse(f"invalid JSON: the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    refuse(f"invalid JSON: {name} is not a number JSON allows")


def beyond_limits(error: RecursionError | ValueError | OverflowError) -> str:
    """Why a hostile file that reached one of Python's own limits was not imported."""
    if isinstance(error, RecursionError):
        return "it is nested too deeply to be a Wayfinder export"
    if "digits" in str(error):
        return "it holds a number with more digits than Wayfinder reads (4,300)"
    lines = str(error).strip().splitlines()
    return f"it holds a value out of range ({lines[0] if lines else type(error).__name__})"


def import_parse(raw: bytes | str) -> Any:
    """The file's JSON, or a refusal that says where it stops being valid JSON."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            refuse(f"byte {error.start}: the file is not UTF-8 text")
    if not raw.strip():
        refuse("the file is empty")
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        ending = ""
        complete = raw.rstrip()
        if not complete.lstrip().startswith(("{", "[")):
            # Not JSON at all: a truncated export still starts like one.
            looks = " (it looks like CSV)" if "," in complete.lstrip().partition("\n")[0] else ""
            refuse(
                f"this is not a Wayfinder export{looks}: "
                "import reads the JSON file that `wayfinder export` writes"
            )
        if error.pos >= len(complete) or not complete.endswith(("}", "]")):
            ending = "; the file ends too early (truncated?)"
        refuse(f"line {error.lineno} column {error.colno}: invalid JSON ({error.msg}){ending}")


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


def _unstorable(raw: Any) -> str | None:
    """Why text in this value (or in a JSON value's keys and items) cannot be stored."""
    pending = [raw]
    while pending:  # a loop, not recursion: a JSON value may be nested deeply
        value = pending.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return f"the text {problem}"
        elif isinstance(value, dict):
            pending.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            pending.extend(value)
    return None


def _python_value(field: models.Field, raw: Any, where: str) -> Any:
    """A plain field's value from its JSON, or a refusal naming `where`."""
    if raw is None:
        if not field.null:
            refuse(f"{where}: must not be null")
        return None
    problem = _unstorable(raw)
    if problem:
        refuse(f"{where}: {problem}")
    if isinstance(field, models.JSONField):
        value = raw
    elif isinstance(field, models.BooleanField):
        if not isinstance(raw, bool):
            refuse(f"{where}: expected true or false, got {_type_name(raw)}")
        value = raw
    elif isinstance(field, models.IntegerField):
        if not _is_int(raw):
            refuse(f"{where}: expected a whole number, got {_type_name(raw)}")
        value = raw
    elif isinstance(field, models.FloatField):
        if not (_is_int(raw) or isinstance(raw, float)) or not math.isfinite(raw):
            refuse(f"{where}: expected a number, got {_type_name(raw)}")
        value = float(raw)
    elif not isinstance(raw, str):
        refuse(f"{where}: expected text, got {_type_name(raw)}")
    elif isinstance(field, models.DateTimeField):
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            refuse(f"{where}: {raw!r} is not a date and time like 2026-11-23T09:30:00Z")
        if value.tzinfo is None:
            refuse(f"{where}: {raw!r} has no time zone; end it with Z for UTC")
        value = value.astimezone(dt.UTC)
    elif isinstance(field, models.DateField):
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            refuse(f"{where}: {raw!r} is not a date like 2026-11-23")
    elif isinstance(field, models.UUIDField):
        try:
            value = uuid.UUID(raw)
        except ValueError:
            refuse(f"{where}: {raw!r} is not a UUID")
    else:
        value = raw
    if field.choices and value not in {choice for choice, _ in field.flatchoices}:
        refuse(f"{where}: {value!r} is not one of {_choices_text(field)}")
    # A model default (a JSON field's {}) is accepted even where a form would want a value.
    default = field.get_default() if field.has_default() else None
    if value in field.empty_values and not field.blank and value != default:
        refuse(f"{where}: must not be empty")
    try:
        field.run_validators(value)
    except ValidationError as error:
        refuse(f"{where}: {' '.join(error.messages)}")
    return value


def _check_keys(item: Any, expected: set[str], where: str) -> None:
    if not isinstance(item, dict):
        refuse(f"{where}: expected an object, got {_type_name(item)}")
    missing = expected - item.keys()
    if missing:
        refuse(f"{where}: missing key {sorted(missing)[0]!r}")
    extra = item.keys() - expected
    if extra:
        refuse(f"{where}: unknown key {sorted(extra)[0]!r}")


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


def _check_ref(
    raw: Any, target: str, refs: dict[str, set[int]], where: str, *, later: bool = False
) -> int:
    """A ref to a row of `target`; with `later`, a row of the section being read, whose
    refs are all known only at its end (see _check_own_refs)."""
    if not _is_int(raw):
        refuse(f"{where}: expected a ref (a whole number), got {_type_name(raw)}")
    if not later and raw not in refs[target]:
        refuse(f"{where}: ref {raw} not found in {target}")
    return raw


def _check_own_refs(section: Section, rows: list[Row], refs: set[int]) -> None:
    for f in section.own_relations:
        for row in rows:
            value = row.values[f.attname]
            if value is not None and value not in refs:
                refuse(f"{row.where}.{f.name}: ref {value} not found in {section.key}")


def _validate_row(section: Section, item: Any, where: str, refs: dict[str, set[int]]) -> Row:
    fields = section.fields
    _check_keys(item, {"ref"} | {f.name for f in fields}, where)
    ref = item["ref"]
    if not _is_int(ref) or ref < 1:
        refuse(f"{where}.ref: expected a whole number from 1, got {ref!r}")
    if ref in refs[section.key]:
        refuse(f"{where}.ref: ref {ref} is used twice in {section.key}")
    values: dict[str, Any] = {}
    links: dict[str, list[int]] = {}
    for f in fields:
        at = f"{where}.{f.name}"
        raw = item[f.name]
        if f.many_to_many:
            if not isinstance(raw, list):
                refuse(f"{at}: expected a list of refs, got {_type_name(raw)}")
            target = section_of(f.related_model)
            targets = [_check_ref(value, target, refs, f"{at}[{i}]") for i, value in enumerate(raw)]
            if len(set(targets)) != len(targets):
                refuse(f"{at}: a ref appears twice")
            links[f.name] = targets
        elif f.is_relation:
            if raw is None and not f.null:
                refuse(f"{at}: must not be null")
            target = section_of(f.related_model)
            later = target == section.key
            values[f.attname] = (
                None if raw is None else _check_ref(raw, target, refs, at, later=later)
            )
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
        # A field the format leaves out (format.Section.not_exported) is read at its default.
        key = (name, *(row.values.get(meta.get_field(n).attname) for n in names))
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
                    refuse(f"{row.where}: {_rule(constraint.name)}")
    unique = [
        ((f.name,), None, f.name)
        for f in section.fields
        if f.unique and not f.many_to_many and f is not meta.pk
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
                refuse(f"{row.where}: {shown} repeats {seen[key].where}")
            if key in seen:
                refuse(f"{row.where}: {_rule(name)} ({seen[key].where} is one already)")
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
            refuse(f"{first.where}.{field.name}: {value} already exists on this instance")


def _validate_profile(raw: Any) -> tuple[str, dict[str, Any]]:
    fields = profile_fields()
    _check_keys(raw, {"username"} | {f.name for f in fields}, "profile")
    username_field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    username = _python_value(username_field, raw["username"], "profile.username")
    values = {f.attname: _python_value(f, raw[f.name], f"profile.{f.name}") for f in fields}
    try:
        ZoneInfo(values["time_zone"])
    except (ZoneInfoNotFoundError, ValueError):
        refuse(f"profile.time_zone: {values['time_zone']!r} is not a known time zone")
    return username, values


def import_validate(data: Any) -> ValidImport:
    """Check the whole file before anything is written."""
    if not isinstance(data, dict):
        refuse(f"expected a Wayfinder export (a JSON object), got {_type_name(data)}")
    if data.get("format") != FORMAT_NAME:
        refuse(f"format: expected {FORMAT_NAME!r}, got {data.get('format')!r}")
    version = data.get("version")
    if not _is_int(version) or version not in SUPPORTED_VERSIONS:
        readable = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        newer = _is_int(version) and version > FORMAT_VERSION
        hint = "; it was written by a newer Wayfinder" if newer else ""
        refuse(f"version: {version!r} is not supported (this Wayfinder reads {readable}){hint}")
    data = format_upgrade(data)
    all_sections = sections()
    _check_keys(data, {"format", "version", "profile"} | {s.key for s in all_sections}, "file")
    username, profile = _validate_profile(data["profile"])
    result = ValidImport(username=username, profile=profile)
    refs: dict[str, set[int]] = {}
    for section in all_sections:
        items = data[section.key]
        if not isinstance(items, list):
            refuse(f"{section.key}: expected a list, got {_type_name(items)}")
        refs[section.key] = set()
        rows = []
        for index, item in enumerate(items):
            row = _validate_row(section, item, f"{section.key}[{index}]", refs)
            refs[section.key].add(row.ref)
            rows.append(row)
        _check_own_refs(section, rows, refs[section.key])
        _check_constraints(section, rows)
        result.rows[section.key] = sorted(rows, key=lambda row: row.ref)
    return result
