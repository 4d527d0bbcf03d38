"""The Wayfinder export format: which models, in which order, and how a value is written.

The field list of every section is derived from the models' `_meta`, so a field added to
a model is exported and imported without touching this module (and a test fails until
docs/export-format.md describes it).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models

FORMAT_NAME = "wayfinder"
# The version written. Bump it (and note it in docs/export-format.md) whenever a section
# or a field is added, removed or renamed; a test pins the fingerprint of each version.
FORMAT_VERSION = 5

# Sections added while the format was still called version 1: a version 1 file may lack
# them (0ce51fa had neither; ddab48e had guidance_settings but no advocacy sections).
ADDED_DURING_VERSION_1 = (
    "guidance_settings",
    "ladders",
    "ladder_levels",
    "competencies",
    "expectations",
    "ladder_choices",
    "self_assessments",
    "narratives",
    "narrative_versions",
)

# Sections added in version 3: dated progress check-ins on goals.
ADDED_IN_VERSION_3 = ("goal_check_ins",)

# Sections added in version 4: the owner's shares and their access log; ladders' tracks,
# competency groups, criteria and criterion ratings; what viewers sent back (comments,
# agenda points, proposals).
ADDED_IN_VERSION_4 = (
    "shares",
    "share_accesses",
    "comments",
    "agenda_points",
    "proposals",
    "ladder_tracks",
    "competency_groups",
    "criteria",
    "criterion_ratings",
)

# Sections added in version 5 (one line per section, each with its app's note in
# docs/export-format.md): filled in by the changes of this version.
ADDED_IN_VERSION_5: tuple[str, ...] = (
    "positions",  # the owner's role history (core.Position)
    "calendar_feeds",  # the calendar feed's settings (calendars.CalendarFeed)
    "api_tokens",  # personal access tokens for the JSON API, without their hash (api.AccessToken)
)


@dataclass(frozen=True)
class Section:
    key: str  # the top-level key in the file
    model: type[models.Model]
    # Fields that belong to this instance, not to the owner's record: never exported, and
    # left at their defaults by an import (a share's viewer account and invitation).
    not_exported: tuple[str, ...] = ()

    @functools.cached_property
    def fields(self) -> list[models.Field]:
        """Every exported field: concrete ones (not the id or owner), then many-to-many."""
        meta = self.model._meta
        concrete = [
            f
            for f in meta.concrete_fields
            if f is not meta.pk and f.name != "owner" and f.name not in self.not_exported
        ]
        return concrete + [f for f in meta.many_to_many if f.name not in self.not_exported]

    @functools.cached_property
    def own_relations(self) -> list[models.Field]:
        """Foreign keys to rows of this same section (an experiment adapting another)."""
        return [
            f
            for f in self.fields
            if f.is_relation and not f.many_to_many and f.related_model is self.model
        ]


@functools.cache
def sections() -> tuple[Section, ...]:
    """Every domain model, parents before the rows that point at them."""
    from wayfinder.advocacy.models import (
        Competency,
        CompetencyGroup,
        Criterion,
        CriterionRating,
        Expectation,
        Ladder,
        LadderChoice,
        LadderLevel,
        Narrative,
        NarrativeVersion,
        SelfAssessment,
        Track,
    )
    from wayfinder.api.models import AccessToken
    from wayfinder.calendars.models import CalendarFeed
    from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
    from wayfinder.core.models import Position, Skill
    from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal, GoalCheckIn
    from wayfinder.experiments.models import CheckIn, Experiment
    from wayfinder.guidance.models import GuidanceSettings
    from wayfinder.network.models import Interaction, Person, PersonRole
    from wayfinder.plan.models import DevelopmentAction, DevelopmentPlan, Opportunity, PlanRevision
    from wayfinder.reflection.models import JournalEntry, PrivateNote, Review
    from wayfinder.sharing.models import AgendaPoint, Comment, Proposal, Share, ShareAccess
    from wayfinder.wins.models import ImpactMetric, Win, WinAudience

    return (
        Section("skills", Skill),
        Section("positions", Position),
        Section("ambition_statements", AmbitionStatement),
        Section("career_paths", CareerPath),
        Section("goals", Goal),
        Section("goal_check_ins", GoalCheckIn),
        Section("people", Person),
        Section("person_roles", PersonRole),
        Section("interactions", Interaction),
        Section("experiments", Experiment),
        Section("check_ins", CheckIn),
        Section("development_plans", DevelopmentPlan),
        Section("development_actions", DevelopmentAction),
        Section("plan_revisions", PlanRevision),
        Section("opportunities", Opportunity),
        Section("wins", Win),
        Section("impact_metrics", ImpactMetric),
        Section("win_audience", WinAudience),
        Section("development_conversations", DevelopmentConversation),
        Section("agreed_actions", AgreedAction),
        Section("reviews", Review),
        Section("journal_entries", JournalEntry),
        Section("private_notes", PrivateNote),
        Section("guidance_settings", GuidanceSettings),
        Section("ladders", Ladder),
        Section("ladder_tracks", Track),
        Section("competency_groups", CompetencyGroup),
        Section("ladder_levels", LadderLevel),
        Section("competencies", Competency),
        Section("expectations", Expectation),
        Section("criteria", Criterion),
        Section("ladder_choices", LadderChoice),
        Section("self_assessments", SelfAssessment),
        Section("criterion_ratings", CriterionRating),
        Section("narratives", Narrative),
        Section("narrative_versions", NarrativeVersion),
        # The viewer's account and the invitation stay on the instance that sent it: an
        # imported share is revoked until the owner sends it again (sharing.services).
        Section("shares", Share, not_exported=SHARE_NOT_EXPORTED),
        Section("share_accesses", ShareAccess),
        # What viewers sent back; a comment's author is the viewer's account, which stays
        # with the instance (the share's person says who wrote it).
        Section("comments", Comment, not_exported=("author",)),
        Section("agenda_points", AgendaPoint),
        Section("proposals", Proposal),
        # The feed's settings; its token and whether it is on stay with the instance: an
        # imported feed is off until the owner turns it on (calendars.services).
        Section("calendar_feeds", CalendarFeed, not_exported=CALENDAR_FEED_NOT_EXPORTED),
        # A token's name, scopes and dates; never its hash, so an imported instance starts
        # with no live token (an imported one is listed as such and opens nothing).
        Section("api_tokens", AccessToken, not_exported=("token_hash",)),
    )


# What of a share is the instance's, not the owner's: who accepted it and the invitation.
SHARE_NOT_EXPORTED = ("viewer", "token_hash", "accepted_at")
# What of a calendar feed is the instance's: its secret address, and what was served.
CALENDAR_FEED_NOT_EXPORTED = (
    "token_hash",
    "enabled",
    "rotated_at",
    "served_etag",
    "served_key",
    "served_changed_at",
)


@functools.cache
def section_of(model: type[models.Model]) -> str:
    """The section key holding rows of `model` (the target of a foreign key)."""
    for section in sections():
        if section.model is model:
            return section.key
    raise LookupError(f"{model._meta.label} is not part of the export format")


def profile_fields() -> list[models.Field]:
    """The Profile fields written under "profile" (besides "username")."""
    from wayfinder.core.models import Profile

    meta = Profile._meta
    return [f for f in meta.concrete_fields if f is not meta.pk and f.name != "user"]


def datetime_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def value_text(field: models.Field, value: Any) -> Any:
    """A plain (non-relation) field's value as JSON."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return datetime_text(value)
    if isinstance(field, models.DateField):
        return value.isoformat()
    if isinstance(field, models.UUIDField):
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))
    if isinstance(field, models.FloatField):
        return float(value)
    return value


def format_fingerprint() -> str:
    """A hash of the sorted section and field names: it changes with the format's shape."""
    import hashlib

    shape = {"profile": sorted(["username", *(f.name for f in profile_fields())])}
    shape |= {s.key: sorted(["ref", *(f.name for f in s.fields)]) for s in sections()}
    text = "\n".join(f"{key}: {' '.join(names)}" for key, names in sorted(shape.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _upgrade_from_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: the same shape, except that sections added during version 1's life
    may be absent; they are read as empty."""
    return {key: [] for key in ADDED_DURING_VERSION_1} | data | {"version": 2}


def _upgrade_from_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3: goals had no progress check-ins yet, and no experiment adapted
    another."""
    data = {key: [] for key in ADDED_IN_VERSION_3} | data | {"version": 3}
    experiments = data.get("experiments")
    if isinstance(experiments, list):
        data["experiments"] = [
            {"adapted_from": None} | row if isinstance(row, dict) else row for row in experiments
        ]
    return data


def _upgrade_from_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 to 4: nothing was shared yet, and people had no URL and unique names;
    ladders had one track (a level's grade was its rank), no groups and no criteria."""
    data = {key: [] for key in ADDED_IN_VERSION_4} | data | {"version": 4}
    levels = data.get("ladder_levels")
    if isinstance(levels, list):
        data["ladder_levels"] = [
            {"name_generated": False, "grade": row.get("rank"), "track": None} | row
            if isinstance(row, dict)
            else row
            for row in levels
        ]
    competencies = data.get("competencies")
    if isinstance(competencies, list):
        data["competencies"] = [
            {"group": None} | row if isinstance(row, dict) else row for row in competencies
        ]
    people = data.get("people")
    if isinstance(people, list):
        data["people"] = [
            {"url": "", "namesake": 0} | row if isinstance(row, dict) else row for row in people
        ]
    return data


def _upgrade_from_4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 to 5: the sections added in version 5 are read as empty, and the profile
    has no résumé summary yet."""
    data = {key: [] for key in ADDED_IN_VERSION_5} | data | {"version": 5}
    profile = data.get("profile")
    if isinstance(profile, dict):
        data["profile"] = {"summary": ""} | profile
    return data


# version -> the function that turns a document of that version into the next one.
UPGRADES = {1: _upgrade_from_1, 2: _upgrade_from_2, 3: _upgrade_from_3, 4: _upgrade_from_4}
SUPPORTED_VERSIONS = (*UPGRADES, FORMAT_VERSION)


def format_upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A document of any supported version, as the current version (a new dict)."""
    version = data["version"]
    while version != FORMAT_VERSION:
        data = UPGRADES[version](data)
        version = data["version"]
    return data
