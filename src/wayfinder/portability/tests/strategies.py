"""Hypothesis strategies for one owner's data, drawn field by field from the models' `_meta`.

Generic on purpose: a field added to a model is exercised by the round-trip property
without touching this file. The few rules the models enforce across fields (unique
versions, a reason for a ruled-out path, ...) are met by the fix-ups in `_fix`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from hypothesis import strategies as st

from wayfinder.core.models import Profile
from wayfinder.portability.format import profile_fields, section_of, sections

# No surrogates (not encodable) and no NUL (PostgreSQL text refuses it).
TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
    | st.text(TEXT, max_size=8)
)
JSON = st.dictionaries(
    st.text(TEXT, max_size=6),
    st.recursive(
        JSON_LEAVES,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(TEXT), inner),
        max_leaves=6,
    ),
    max_size=3,
)
INTEGER_RANGES = {
    models.PositiveSmallIntegerField: (0, 32767),
    models.SmallIntegerField: (-32768, 32767),
    models.PositiveIntegerField: (0, 2**31 - 1),
}


def field_values(field: models.Field) -> st.SearchStrategy:
    if field.choices:
        base = st.sampled_from([value for value, _ in field.flatchoices if value or field.blank])
    elif isinstance(field, models.DateTimeField):
        base = st.datetimes(
            min_value=dt.datetime(1900, 1, 1),
            max_value=dt.datetime(2200, 12, 31),
            timezones=st.just(dt.UTC),
        )
    elif isinstance(field, models.DateField):
        base = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
    elif isinstance(field, models.UUIDField):
        base = st.uuids()
    elif isinstance(field, models.JSONField):
        base = JSON
    elif isinstance(field, models.BooleanField):
        base = st.booleans()
    elif isinstance(field, models.FloatField):
        base = st.floats(allow_nan=False, allow_infinity=False)
    elif isinstance(field, models.IntegerField):
        low, high = INTEGER_RANGES.get(type(field), (-(2**31), 2**31 - 1))
        for validator in field.validators:
            if isinstance(validator, MinValueValidator):
                low = max(low, validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                high = min(high, validator.limit_value)
        base = st.integers(low, high)
    elif isinstance(field, models.EmailField):
        base = st.sampled_from(["", "dana@example.com", "d.okafor+work@brightline.io"])
    elif isinstance(field, models.SlugField):
        base = st.from_regex(rf"\A[-a-zA-Z0-9_]{{{0 if field.blank else 1},20}}\Z")
    else:
        size = min(field.max_length or 60, 60)
        base = st.text(TEXT, min_size=0 if field.blank else 1, max_size=size)
    return (st.none() | base) if field.null else base


def _fix(model: type[models.Model], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Meet the cross-field rules: unique keys, check constraints, one plan."""
    name = model._meta.label
    fixed = []
    seen: set = set()
    for index, row in enumerate(rows):
        if name == "core.Skill":
            key = row["name"].casefold()
        elif name == "core.Position":
            key = (row["title"], row["organisation"], row["started_on"])
        elif name == "network.PersonRole":
            key = (row["person"], row["role"])
        elif name == "wins.WinAudience":
            key = (row["win"], row["person"])
        elif name == "advocacy.Ladder":
            key = row["name"]
        elif name == "advocacy.LadderLevel":
            key = (row["ladder"], row["code"])
            row["rank"] = index + 1
        elif name == "advocacy.Competency":
            key = (row["ladder"], row["key"])
        elif name == "advocacy.Expectation":
            key = (row["competency"], row["level"])
        elif name in ("advocacy.Track", "advocacy.CompetencyGroup"):
            key = (row["ladder"], row["key"])
        elif name == "advocacy.CriterionRating":
            key = (row["assessment"], row["criterion"])
        elif name == "advocacy.SelfAssessment":
            key = (row["competency"], row["assessed_on"])
        elif name == "advocacy.NarrativeVersion":
            key = (row["narrative"], row["number"])
        elif name in (
            "plan.DevelopmentPlan",
            "guidance.GuidanceSettings",
            "advocacy.LadderChoice",
            "calendars.CalendarFeed",
        ):
            key = "one per owner"
        elif name == "reflection.PrivateNote" and row["kind"] == "backup_plan":
            key = "one backup plan"
        else:
            key = index
        if key in seen:
            continue
        seen.add(key)
        if name in ("direction.AmbitionStatement",):
            row["version"] = index + 1
        if name == "plan.PlanRevision":
            row["number"] = index + 1
        if name == "direction.CareerPath" and not row["verdict_reason"]:
            row["verdict_reason"] = "A reason."
        if name == "network.Person":
            if row["relative_level"] is not None:
                row["relative_level"] = max(-5, min(6, row["relative_level"]))
            row["url"] = "https://www.linkedin.com/in/someone" if row["url"] else ""
        if name == "core.Position" and row["ended_on"] is not None:
            row["ended_on"] = max(row["ended_on"], row["started_on"])
        if name == "calendars.CalendarFeed":
            row["conversation_minutes"] = max(5, min(480, row["conversation_minutes"]))
            row["conversation_start_minute"] %= 24 * 60
        if name == "experiments.Experiment":
            row["ends_on"] = max(row["ends_on"], row["starts_on"])
            row["verdict"] = row["verdict"] or "adopt"
        if name == "experiments.CheckIn" and row["energy"] is not None:
            row["energy"] = row["energy"] % 5 + 1
        if name == "direction.GoalCheckIn":
            if row["percent"] is not None:
                row["percent"] %= 101
            elif not row["milestone"].strip():
                row["milestone"] = "A step on the way."
        if name == "advocacy.Narrative":
            row["period_end"] = max(row["period_end"], row["period_start"])
        if name == "sharing.Share":
            row["email"] = row["email"] or "marcus@brightline.com"
            row["sections"] = ["plan", "wins"][: 1 + index % 2]  # an allow-list of keys
            if None not in (row["period_start"], row["period_end"]):
                row["period_end"] = max(row["period_end"], row["period_start"])
        if name == "sharing.Comment":
            # On exactly one item (the first one drawn), or not at all.
            kinds = ("action", "goal", "win", "experiment", "conversation")
            items = [k for k in kinds if row[k] is not None]  # index 0 is a row too
            if not items:
                continue
            row.update({k: None for k in items[1:]})
            row["reply_to"] = None  # a skipped comment leaves no reply pointing at it
        if name == "sharing.Proposal" and row["kind"] == "action" and row["conversation"] is None:
            row["kind"] = "opportunity"
        if name == "plan.DevelopmentAction" and row["completed_on"] is None:
            row["completed_on"] = dt.date(2026, 1, 1)
        fixed.append(row)
    if name == "conversations.AgreedAction":
        used: set = set()
        for row in fixed:
            if row["plan_action"] in used:
                row["plan_action"] = None
            used.add(row["plan_action"])
    return fixed


@st.composite
def profile_data(draw: st.DrawFn) -> dict[str, Any]:
    """Profile field values (a real time zone), for an owner about to be exported."""
    values = {f.attname: draw(field_values(f)) for f in profile_fields()}
    values["time_zone"] = draw(st.sampled_from(["UTC", "Europe/London", "Asia/Kolkata"]))
    return values


@st.composite
def owner_data(draw: st.DrawFn) -> list[tuple[type[models.Model], list[dict[str, Any]]]]:
    """Rows for every section (0-3 each), foreign keys and links as indexes of earlier rows."""
    counts: dict[str, int] = {}
    drawn = []
    for section in sections():
        # A row's link to another of its own section (tested on its own in test_round_trip).
        available = {
            f.name: counts.get(section_of(f.related_model), 0)
            for f in section.fields
            if f.is_relation
        }
        required = [f for f in section.fields if f.is_relation and not f.many_to_many]
        missing_parent = any(not f.null and not available[f.name] for f in required)
        rows = []
        for _ in range(0 if missing_parent else draw(st.integers(0, 3))):
            row: dict[str, Any] = {}
            for field in section.fields:
                if not field.is_relation:
                    row[field.name] = draw(field_values(field))
                    continue
                indexes = st.integers(0, available[field.name] - 1)
                if field.many_to_many:
                    row[field.name] = draw(st.sets(indexes)) if available[field.name] else set()
                elif not available[field.name]:
                    row[field.name] = None
                else:
                    row[field.name] = draw((st.none() | indexes) if field.null else indexes)
            rows.append(row)
        rows = _fix(section.model, rows)
        counts[section.key] = len(rows)
        drawn.append((section.model, rows))
    return drawn


def owner_data_write(owner: Profile, drawn: list) -> None:
    """Save drawn rows for `owner`, turning indexes into the saved rows."""
    saved: dict[type[models.Model], list[models.Model]] = {}
    for model, rows in drawn:
        objects = []
        for row in rows:
            values, links = {}, {}
            for field in model._meta.get_fields():
                if field.name not in row:
                    continue
                value = row[field.name]
                if field.many_to_many:
                    links[field.name] = [saved[field.related_model][i] for i in value]
                elif field.is_relation:
                    values[field.name] = (
                        None if value is None else saved[field.related_model][value]
                    )
                else:
                    values[field.name] = value
            obj = model.objects.create(owner=owner, **values)
            for field_name, targets in links.items():
                getattr(obj, field_name).set(targets)
            objects.append(obj)
        saved[model] = objects
