"""Reads for mentoring programs. The administrator's pages read opt-in rows only (the
projection the owners agreed to), never an owner's career record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Q, QuerySet

from wayfinder.core.models import Profile
from wayfinder.direction.models import GoalStatus
from wayfinder.direction.selectors import goal_list
from wayfinder.mentoring import matching
from wayfinder.mentoring.models import (
    LIVE_STATES,
    Match,
    MatchState,
    MenteeOptIn,
    MentorOptIn,
    Program,
)
from wayfinder.plan.selectors import skill_needs


def who_of(owner: Profile) -> str:
    """How others in a program name this owner (as their manager, say): the username."""
    return owner.user.get_username()


def program_list() -> QuerySet[Program]:
    """Every program of the instance (one instance, one organisation)."""
    return Program.objects.order_by("-starts_on", "name", "id")


def is_program_administrator(*, program: Program, owner: Profile) -> bool:
    return program.administrators.filter(pk=owner.pk).exists()


def administered_programs(*, owner: Profile) -> QuerySet[Program]:
    return program_list().filter(administrators=owner)


@dataclass(frozen=True)
class MyPrograms:
    mentee: dict[int, MenteeOptIn]  # program id → the owner's opt-in
    mentor: dict[int, MentorOptIn]


def my_opt_ins(*, owner: Profile) -> MyPrograms:
    return MyPrograms(
        mentee={o.program_id: o for o in MenteeOptIn.objects.for_owner(owner)},
        mentor={o.program_id: o for o in MentorOptIn.objects.for_owner(owner)},
    )


def mentee_opt_in_of(*, owner: Profile, program: Program) -> MenteeOptIn | None:
    return MenteeOptIn.objects.for_owner(owner).filter(program=program).first()


def mentor_opt_in_of(*, owner: Profile, program: Program) -> MentorOptIn | None:
    return MentorOptIn.objects.for_owner(owner).filter(program=program).first()


@dataclass(frozen=True)
class MenteePrefill:
    skills_wanted: list[str]
    learning_goals: str
    function: str
    level: int | None
    time_zone: str


def mentee_prefill(*, owner: Profile) -> MenteePrefill:
    """What the owner's own record suggests they want to learn: the skills their open
    actions build and their active goals. Shown only to the owner, to edit before opting in."""
    skills = list(dict.fromkeys(need.skill for need in skill_needs(owner=owner)))
    goals = [goal.title for goal in goal_list(owner=owner, status=GoalStatus.ACTIVE)]
    return MenteePrefill(
        skills_wanted=skills,
        learning_goals="\n".join(goals),
        function=owner.function,
        level=_level_number(owner.level),
        time_zone=owner.time_zone,
    )


def _level_number(level: str) -> int | None:
    digits = "".join(c for c in level if c.isdigit())
    return int(digits) if digits and int(digits) <= 20 else None


# --- For the program administrator: opt-in rows only -------------------------------------


def program_mentees(*, program: Program) -> QuerySet[MenteeOptIn]:
    return MenteeOptIn.objects.filter(program=program).order_by("display_name", "id")


def program_mentors(*, program: Program) -> QuerySet[MentorOptIn]:
    return MentorOptIn.objects.filter(program=program).order_by("display_name", "id")


def program_matches(*, program: Program) -> QuerySet[Match]:
    return (
        Match.objects.filter(program=program)
        .exclude(state=MatchState.DECLINED)
        .select_related("mentee", "mentor")
        .order_by("mentee__display_name", "id")
    )


@dataclass(frozen=True)
class ProgramSummary:
    mentees: int
    mentors: int
    places: int
    live: int
    accepted: int
    total_fit: int


def program_summary(
    *,
    program: Program,
    mentees: list[MenteeOptIn],
    mentors: list[MentorOptIn],
    matches: list[Match],
) -> ProgramSummary:
    live = [m for m in matches if m.state in LIVE_STATES]
    return ProgramSummary(
        mentees=len(mentees),
        mentors=len(mentors),
        places=sum(min(m.capacity, program.cap_per_mentor) for m in mentors),
        live=len(live),
        accepted=sum(1 for m in live if m.is_accepted),
        total_fit=sum(m.fit for m in live),
    )


# --- For one owner: their own pairs ------------------------------------------------------


def my_matches(*, owner: Profile, program: Program) -> list[Match]:
    """The owner's live pairs in a published program, as mentee or mentor."""
    if not program.is_published:
        return []
    return list(
        Match.objects.filter(program=program, state__in=LIVE_STATES)
        .filter(Q(mentee__owner=owner) | Q(mentor__owner=owner))
        .select_related("mentee", "mentor")
        .order_by("id")
    )


# --- The matching's inputs ---------------------------------------------------------------


@dataclass(frozen=True)
class MatchingInputs:
    mentees: list[matching.Mentee]
    mentors: list[matching.Mentor]
    weights: matching.Weights


def utc_offset_minutes(zone: str, on: dt.date) -> int:
    """The zone's offset from UTC at noon on `on`; an unknown zone reads as UTC."""
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    offset = dt.datetime.combine(on, dt.time(12), tzinfo=info).utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def matching_inputs(*, program: Program) -> MatchingInputs:
    """The program's opt-ins as the matching reads them (two queries)."""
    on = program.starts_on
    mentees = [
        matching.Mentee(
            key=o.pk,
            who=o.username,
            skills=frozenset(o.skills_wanted),
            function=o.function,
            level=o.level,
            utc_offset_minutes=utc_offset_minutes(o.time_zone, on),
            manager=o.manager,
            skip_level=o.skip_level,
            levels_up_min=o.levels_up_min,
            levels_up_max=o.levels_up_max,
            prefers_other_function=o.prefers_other_function,
            max_hours_apart=o.max_hours_apart,
        )
        for o in program_mentees(program=program)
    ]
    mentors = [
        matching.Mentor(
            key=o.pk,
            who=o.username,
            skills=frozenset(o.skills_offered),
            function=o.function,
            level=o.level,
            utc_offset_minutes=utc_offset_minutes(o.time_zone, on),
            manager=o.manager,
            skip_level=o.skip_level,
            capacity=o.capacity,
            levels_mentored=frozenset(o.levels_mentored),
        )
        for o in program_mentors(program=program)
    ]
    weights = matching.Weights(
        skill=program.skill_weight,
        level=program.level_weight,
        other_function=program.function_weight,
        time_zone=program.time_zone_weight,
    )
    return MatchingInputs(mentees=mentees, mentors=mentors, weights=weights)
