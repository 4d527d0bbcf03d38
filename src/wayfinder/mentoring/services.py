"""Writes for mentoring programs: opting in, running the match, the administrator's pins and
forbids, publishing, and each side's answer."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from wayfinder.core.checks import ensure_storable
from wayfinder.core.models import Profile
from wayfinder.mentoring import matching
from wayfinder.mentoring.models import (
    LIVE_STATES,
    MAX_CAPACITY,
    DeclinedPair,
    Match,
    MatchState,
    MenteeOptIn,
    MentorOptIn,
    Program,
    Side,
)
from wayfinder.mentoring.selectors import (
    is_program_administrator,
    matching_inputs,
    who_of,
)
from wayfinder.network.models import Role
from wayfinder.network.services import (
    NetworkError,
    person_get_or_create,
    person_update,
    role_assign,
)


class MentoringError(ValueError):
    """A mentoring request that cannot be carried out; says why."""


def _ensure_administrator(program: Program, by: Profile) -> None:
    if not is_program_administrator(program=program, owner=by):
        raise MentoringError(f"only the administrators of {program.name} can do that")


def _skills(values: Iterable[str]) -> list[str]:
    """Skills as typed, one line each, without repeats (any case), in the order given."""
    seen: set[str] = set()
    kept = []
    for value in values:
        clean = " ".join(str(value).split())
        if clean and clean.casefold() not in seen:
            if len(clean) > 100:
                raise MentoringError(f"keep each skill under 100 characters: {clean[:20]!r}…")
            seen.add(clean.casefold())
            kept.append(clean)
    return kept


@transaction.atomic
def program_create(
    *,
    owner: Profile,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    cap_per_mentor: int = 3,
    skill_weight: int = 3,
    level_weight: int = 2,
    function_weight: int = 1,
    time_zone_weight: int = 1,
    rhythm_days: int = 14,
) -> Program:
    """A new program; its creator holds the program-administrator role."""
    name = " ".join(name.split())
    if not name:
        raise MentoringError("a program needs a name")
    if ends_on < starts_on:
        raise MentoringError("a program ends on or after the day it starts")
    if not 1 <= cap_per_mentor <= MAX_CAPACITY:
        raise MentoringError(f"the cap per mentor is between 1 and {MAX_CAPACITY}")
    if skill_weight < 1:
        raise MentoringError("shared skills count at least 1 point")
    program = Program(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        cap_per_mentor=cap_per_mentor,
        skill_weight=skill_weight,
        level_weight=level_weight,
        function_weight=function_weight,
        time_zone_weight=time_zone_weight,
        rhythm_days=rhythm_days,
        created_by=owner,
    )
    ensure_storable(program, error=MentoringError, exclude=["created_by"])
    program.save()
    program.administrators.add(owner)
    return program


def _live_pair(opt_in: MenteeOptIn | MentorOptIn) -> bool:
    return Match.objects.filter(
        **{"mentee" if isinstance(opt_in, MenteeOptIn) else "mentor": opt_in},
        state__in=LIVE_STATES,
    ).exists()


def _stated(owner: Profile, fields: dict[str, Any]) -> dict[str, Any]:
    if not 0 <= fields["level"] <= 20:
        raise MentoringError("state your level as a number from 0 to 20")
    return {
        **fields,
        "display_name": str(owner),
        "username": who_of(owner),
        "function": " ".join(fields["function"].split()),
        "manager": fields["manager"].strip(),
        "skip_level": fields["skip_level"].strip(),
    }


def _save_opt_in(model: type[MenteeOptIn] | type[MentorOptIn], owner, program, fields):
    existing = model.objects.for_owner(owner).filter(program=program).first()
    if existing is not None and _live_pair(existing):
        raise MentoringError(
            "you have a pair in this program: decline it or withdraw before changing what "
            "you opted in with"
        )
    opt_in = existing or model(owner=owner, program=program)
    for name, value in fields.items():
        setattr(opt_in, name, value)
    ensure_storable(opt_in, error=MentoringError, exclude=["owner", "program"])
    try:
        with transaction.atomic():
            opt_in.save()
    except IntegrityError:
        raise MentoringError("you have already opted in to this program") from None
    return opt_in


@transaction.atomic
def mentee_opt_in(
    *,
    owner: Profile,
    program: Program,
    skills_wanted: list[str],
    learning_goals: str = "",
    function: str = "",
    level: int,
    time_zone: str = "UTC",
    manager: str = "",
    skip_level: str = "",
    levels_up_min: int = 1,
    levels_up_max: int = 3,
    prefers_other_function: bool = False,
    max_hours_apart: int | None = None,
) -> MenteeOptIn:
    """Opt in as a mentee (or change an opt-in with no pair yet) with exactly these fields:
    all the program will see of the owner."""
    skills = _skills(skills_wanted)
    if not skills:
        raise MentoringError("name at least one skill you want to learn")
    if not 0 <= levels_up_min <= levels_up_max <= 10:
        raise MentoringError("the levels up run from the fewest to the most, 0 to 10")
    fields = _stated(
        owner,
        {
            "function": function,
            "level": level,
            "time_zone": time_zone,
            "manager": manager,
            "skip_level": skip_level,
        },
    )
    fields |= {
        "skills_wanted": skills,
        "learning_goals": learning_goals.strip(),
        "levels_up_min": levels_up_min,
        "levels_up_max": levels_up_max,
        "prefers_other_function": prefers_other_function,
        "max_hours_apart": max_hours_apart,
    }
    return _save_opt_in(MenteeOptIn, owner, program, fields)


@transaction.atomic
def mentor_opt_in(
    *,
    owner: Profile,
    program: Program,
    skills_offered: list[str],
    capacity: int,
    levels_mentored: list[int],
    function: str = "",
    level: int,
    time_zone: str = "UTC",
    manager: str = "",
    skip_level: str = "",
) -> MentorOptIn:
    """Opt in as a mentor (or change an opt-in with no pair yet)."""
    skills = _skills(skills_offered)
    if not skills:
        raise MentoringError("name at least one skill you offer")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise MentoringError(f"take between 1 and {MAX_CAPACITY} mentees")
    levels = sorted(set(levels_mentored))
    if not levels or any(not 0 <= lv <= 20 for lv in levels):
        raise MentoringError("name the levels you mentor, numbers from 0 to 20")
    fields = _stated(
        owner,
        {
            "function": function,
            "level": level,
            "time_zone": time_zone,
            "manager": manager,
            "skip_level": skip_level,
        },
    )
    fields |= {"skills_offered": skills, "capacity": capacity, "levels_mentored": levels}
    return _save_opt_in(MentorOptIn, owner, program, fields)


@transaction.atomic
def opt_in_withdraw(*, owner: Profile, program: Program, side: str) -> None:
    """Leave a program as a mentee or a mentor; a pair not yet agreed goes with it."""
    model = {Side.MENTEE: MenteeOptIn, Side.MENTOR: MentorOptIn}.get(side)  # type: ignore[call-overload]
    if model is None:
        raise MentoringError(f"withdraw as a mentee or a mentor, not {side!r}")
    opt_in = model.objects.for_owner(owner).filter(program=program).first()
    if opt_in is None:
        raise MentoringError(f"you have not opted in as a {side}")
    freed = list(
        Match.objects.filter(
            **{side: opt_in}, state__in=[MatchState.PROPOSED, MatchState.PINNED]
        ).values_list("mentee_id", flat=True)
    )
    opt_in.delete()
    if side == Side.MENTOR and program.is_published:
        for mentee in MenteeOptIn.objects.filter(pk__in=freed):
            _rematch(program, only=mentee)


# --- Matching ---------------------------------------------------------------------------


def _pair_of(match: Match) -> matching.Pair:
    return matching.Pair(match.mentee_id, match.mentor_id, match.fit, match.explanation)


def _excluded(program: Program) -> frozenset[tuple[int, int]]:
    declined = DeclinedPair.objects.filter(program=program).values_list("mentee_id", "mentor_id")
    forbidden = Match.objects.filter(program=program, state=MatchState.FORBIDDEN).values_list(
        "mentee_id", "mentor_id"
    )
    return frozenset(declined) | frozenset(forbidden)


def _kept(program: Program) -> list[Match]:
    """The pairs a new run keeps: pinned, agreed, or answered yes by one side."""
    return list(
        Match.objects.filter(program=program, state__in=LIVE_STATES).exclude(
            state=MatchState.PROPOSED, mentee_accepted_at=None, mentor_accepted_at=None
        )
    )


def _propose(program: Program, pairs: Iterable[matching.Pair], now: dt.datetime) -> list[Match]:
    return Match.objects.bulk_create(
        Match(
            program=program,
            mentee_id=pair.mentee,
            mentor_id=pair.mentor,
            fit=pair.fit,
            explanation=pair.explanation[:500],
            created_at=now,
            updated_at=now,
        )
        for pair in pairs
    )


def _lock(program: Program) -> Program:
    """The program row, locked: runs, answers and re-matches of one program queue."""
    return Program.objects.select_for_update().get(pk=program.pk)


@transaction.atomic
def matching_run(*, program: Program, by: Profile) -> matching.Result:
    """Propose the pairs of the highest total fit. Pinned and agreed pairs, and those one
    side has accepted, stay; the other proposals are made anew."""
    _ensure_administrator(program, by)
    program = _lock(program)
    kept = _kept(program)
    Match.objects.filter(program=program, state=MatchState.PROPOSED).exclude(
        pk__in=[m.pk for m in kept]
    ).delete()
    inputs = matching_inputs(program=program)
    result = matching.match(
        inputs.mentees,
        inputs.mentors,
        weights=inputs.weights,
        cap_per_mentor=program.cap_per_mentor,
        excluded=_excluded(program),
        fixed=[_pair_of(m) for m in kept],
    )
    kept_mentees = {m.mentee_id for m in kept}
    _propose(program, [p for p in result.pairs if p.mentee not in kept_mentees], timezone.now())
    return result


def _rematch(program: Program, *, only: MenteeOptIn) -> Match | None:
    """Find `only` the best mentor with room left, keeping every other pair as it is."""
    inputs = matching_inputs(program=program)
    live = [
        _pair_of(m)
        for m in Match.objects.filter(program=program, state__in=LIVE_STATES).exclude(mentee=only)
    ]
    mentee = [m for m in inputs.mentees if m.key == only.pk]
    result = matching.match(
        mentee,
        inputs.mentors,
        weights=inputs.weights,
        cap_per_mentor=program.cap_per_mentor,
        excluded=_excluded(program),
        fixed=live,
    )
    new = [p for p in result.pairs if p.mentee == only.pk]
    made = _propose(program, new, timezone.now())
    return made[0] if made else None


def _program_match(program: Program, match: Match) -> Match:
    found = Match.objects.select_for_update().filter(program=program, pk=match.pk).first()
    if found is None:
        raise MentoringError("that pair is not one of this program's")
    return found


@transaction.atomic
def match_pin(*, program: Program, by: Profile, match: Match) -> Match:
    """Keep a proposed pair through every re-run."""
    _ensure_administrator(program, by)
    match = _program_match(_lock(program), match)
    if match.state != MatchState.PROPOSED:
        raise MentoringError(f"only a proposed pair can be pinned; this one is {match.state}")
    match.state = MatchState.PINNED
    match.save(update_fields=["state", "updated_at"])
    return match


@transaction.atomic
def match_forbid(*, program: Program, by: Profile, match: Match) -> Match:
    """Never propose this pair again; its mentee waits for the next run."""
    _ensure_administrator(program, by)
    match = _program_match(_lock(program), match)
    if not match.is_open:
        raise MentoringError(
            f"only a pair not yet agreed can be forbidden; this one is {match.state}"
        )
    match.state = MatchState.FORBIDDEN
    match.mentee_accepted_at = match.mentor_accepted_at = None
    match.save()
    return match


@transaction.atomic
def match_release(*, program: Program, by: Profile, match: Match) -> None:
    """Undo a pin (the pair is proposed again) or a forbid (the pair may be proposed)."""
    _ensure_administrator(program, by)
    match = _program_match(_lock(program), match)
    if match.is_pinned:
        match.state = MatchState.PROPOSED
        match.save(update_fields=["state", "updated_at"])
    elif match.is_forbidden:
        match.delete()
    else:
        raise MentoringError("only a pinned or forbidden pair can be released")


@transaction.atomic
def program_publish(*, program: Program, by: Profile, now: dt.datetime) -> Program:
    """Show the proposals to the mentees and mentors, who then accept or decline."""
    _ensure_administrator(program, by)
    program = _lock(program)
    if program.is_published:
        raise MentoringError(f"{program.name} is already published")
    if not Match.objects.filter(program=program, state__in=LIVE_STATES).exists():
        raise MentoringError("run the matching first: there is no pair to publish")
    program.published_at = now
    program.save(update_fields=["published_at"])
    return program


def _answering(owner: Profile, match: Match) -> str:
    if match.mentee.owner_id == owner.pk:
        return Side.MENTEE
    if match.mentor.owner_id == owner.pk:
        return Side.MENTOR
    raise MentoringError("that pair is not yours to answer")


def _answerable(owner: Profile, match: Match) -> tuple[Match, str]:
    program = _lock(match.program)
    match = Match.objects.select_for_update().select_related("mentee", "mentor").get(pk=match.pk)
    side = _answering(owner, match)
    if not program.is_published:
        raise MentoringError("the pairs are not published yet")
    if not match.is_open:
        raise MentoringError(f"this pair is already {match.get_state_display().lower()}")
    return match, side


@transaction.atomic
def match_accept(*, owner: Profile, match: Match, now: dt.datetime, today: dt.date) -> Match:
    """Say yes to a pair; once both have, each network gains the other."""
    match, side = _answerable(owner, match)
    setattr(match, f"{side}_accepted_at", now)
    if match.mentee_accepted_at and match.mentor_accepted_at:
        match.state = MatchState.ACCEPTED
        rhythm = match.program.rhythm_days
        _add_to_network(
            owner=match.mentee.owner,
            name=match.mentor.display_name,
            role=Role.MENTOR,
            function=match.mentor.function,
            rhythm=rhythm,
            today=today,
        )
        _add_to_network(
            owner=match.mentor.owner,
            name=match.mentee.display_name,
            role=Role.MENTEE,
            function=match.mentee.function,
            rhythm=rhythm,
            today=today,
        )
    match.save()
    return match


@transaction.atomic
def match_decline(*, owner: Profile, match: Match) -> Match | None:
    """Say no to a pair: it is never proposed again, and its mentee is matched anew (only
    them; every other pair stays). Returns the mentee's new proposal, if any."""
    match, side = _answerable(owner, match)
    match.state = MatchState.DECLINED
    match.declined_by = side
    match.save()
    DeclinedPair.objects.get_or_create(
        program=match.program,
        mentee=match.mentee,
        mentor=match.mentor,
        defaults={"declined_by": side},
    )
    return _rematch(match.program, only=match.mentee)


def _add_to_network(
    *, owner: Profile, name: str, role: str, function: str, rhythm: int, today: dt.date
) -> None:
    """The other owner as a person in this owner's network, in `role`, with the rhythm."""
    try:
        person, new = person_get_or_create(owner=owner, name=name)
    except NetworkError:
        # Not known, but like someone who is (or several are called so): a new person.
        person, new = person_get_or_create(owner=owner, name=name, allow_new=True)
    changes: dict[str, Any] = {"cadence_days": rhythm}
    if new and function:
        changes["function"] = function
    person_update(owner=owner, person=person, **changes)
    # Already in that role: the pair confirms it.
    with contextlib.suppress(NetworkError):
        role_assign(owner=owner, person=person, role=role, started_on=today)
