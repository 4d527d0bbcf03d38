"""Who could you approach? Mentor and sponsor candidates from the owner's own network.

Mentor candidates are active people one to three levels up, or at the owner's level in
another function, whose title, function or notes name a skill the owner's open plan
actions build. Sponsor candidates are leaders two or three levels up (from the owner's
"sponsor, levels above you" setting), ranked by influence, then by how many of the owner's
top wins they already know. Both leave out the reporting line (a current manager or
skip-level) and the people already in the role; both come with the reason, in parts.

network sits below plan and wins, so it cannot read actions or wins itself: plan and wins
name their reader when they start (in their AppConfig.ready), as guidance does for the
thresholds. A caller may also pass `needs` or `wins_known` in (the tests do).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from wayfinder.core.counts import count_of
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import Thresholds
from wayfinder.network.models import (
    REPORTING_LINE_ROLES,
    Influence,
    InteractionKind,
    Person,
    PersonRole,
    Role,
)
from wayfinder.network.selectors import in_other_function

# Mentors: from one level up to this many (and the owner's level, in another function).
MENTOR_MAX_LEVELS_UP = 3
# How many of each list the pages and the nudges show.
SHOWN = 5
# Title words that make "leads pricing" of "Head of Pricing" rather than "works on pricing".
LEADING_TITLE_WORDS = ("head", "lead", "leader", "director", "chief", "vp", "vice president")
# Influence counts first in a sponsor's rank: a leader whose word weighs in the room.
INFLUENCE_RANK = {Influence.HIGH: 2, Influence.MEDIUM: 1, Influence.LOW: 0}
REASON_SEPARATOR = "; "
# A skill named by a person's function ("works in pricing"): the function is not repeated.
WORKS_IN = "works in "


@dataclass(frozen=True)
class SkillNeed:
    """A skill an open action of the owner's plan builds; `goal` is the goal it serves."""

    skill: str
    action: str
    goal: str | None = None


@dataclass(frozen=True)
class WinsKnown:
    """How many top wins the owner has (`top`), and how many of them each person knows."""

    top: int
    by_person: Mapping[int, int]


@dataclass(frozen=True)
class Candidate:
    """Someone the owner could approach, how strongly, and why (in the product's words)."""

    person: Person
    score: int
    reason_parts: tuple[str, ...]

    @property
    def reason(self) -> str:
        return REASON_SEPARATOR.join(self.reason_parts)

    @property
    def conversation_url(self) -> str:
        """The one step: plan an informational conversation with them, prefilled."""
        query = urlencode(
            {"person": self.person.pk, "kind": InteractionKind.INFORMATIONAL, "plan": 1}
        )
        return f"{reverse('network:interaction-new')}?{query}"


@dataclass(frozen=True)
class Approach:
    """Both lists for a page, with what the owner could add when a list is empty."""

    mentors: list[Candidate]
    sponsors: list[Candidate]
    skills: list[str]  # the skills the plan's open actions build, by name
    # Active people outside the reporting line whose level is not set: no list has them.
    unplaced: int
    sponsor_levels: tuple[int, int]

    @property
    def unplaced_people(self) -> str:
        return count_of(self.unplaced, "person", "people")


_needs_reader: list[Callable[..., list[SkillNeed]]] = []
_wins_reader: list[Callable[..., WinsKnown]] = []


def skill_needs_reader(read: Callable[..., list[SkillNeed]]) -> None:
    """Name the function that lists the plan's skill needs (plan calls this once)."""
    _needs_reader[:] = [read]


def wins_known_reader(read: Callable[..., WinsKnown]) -> None:
    """Name the function that counts who knows the top wins (wins calls this once)."""
    _wins_reader[:] = [read]


def skill_needs(*, owner: Profile) -> list[SkillNeed]:
    """The skills the owner's open plan actions build (none when plan is not installed)."""
    return _needs_reader[0](owner=owner) if _needs_reader else []


def wins_known(*, owner: Profile, today: dt.date, limits: Thresholds) -> WinsKnown:
    """Who knows which of the owner's top wins, by the owner's visibility settings."""
    if not _wins_reader:
        return WinsKnown(top=0, by_person={})
    return _wins_reader[0](
        owner=owner,
        today=today,
        months=limits.visibility_months,
        limit=limits.visibility_top_wins,
    )


def sponsor_levels(limits: Thresholds) -> tuple[int, int]:
    """Two or three levels up by default: from the owner's sponsor setting, one level wide."""
    return limits.sponsor_min_levels_above, limits.sponsor_min_levels_above + 1


def _holding(roles: Sequence[str], today: dt.date) -> Exists:
    held = PersonRole.objects.held_on(today).filter(person=OuterRef("pk"), role__in=roles)
    return Exists(held)


@dataclass(frozen=True)
class Reachable:
    """Someone outside the reporting line, with the roles that decide which list has them."""

    person: Person
    mentor_now: bool
    sponsor_now: bool
    mentored_before: bool  # a mentor role that has ended


def _approachable(owner: Profile, today: dt.date, *, low: int, high: int) -> list[Reachable]:
    """Active people outside the reporting line, `low` to `high` levels up or not placed
    yet, by name. One query."""
    held = PersonRole.objects.held_on(today).filter(person=OuterRef("pk"))
    ended = PersonRole.objects.filter(person=OuterRef("pk"), role=Role.MENTOR, ended_on__lte=today)
    people = (
        Person.objects.for_owner(owner)
        .filter(
            Q(relative_level__isnull=True) | Q(relative_level__gte=low, relative_level__lte=high),
            is_active=True,
        )
        .exclude(Exists(held.filter(role__in=REPORTING_LINE_ROLES)))
        .annotate(
            mentor_now=Exists(held.filter(role=Role.MENTOR)),
            sponsor_now=Exists(held.filter(role=Role.SPONSOR)),
            mentored_before=Exists(ended),
        )
        .order_by("name", "id")
    )
    return [
        Reachable(person, person.mentor_now, person.sponsor_now, person.mentored_before)
        for person in people
    ]


def _levels_up(level: int) -> str:
    return "at your level" if level == 0 else f"{count_of(level, 'level')} up"


def _quoted(titles: Sequence[str]) -> str:
    quoted = [f"'{title}'" for title in titles]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return f"{', '.join(quoted[:2])} and {count_of(len(quoted) - 2, 'more')}"


def _need_phrase(needs: Sequence[SkillNeed]) -> str:
    """ "your plan's 'Commercial acumen' action needs", "… 'A' and 'B' actions need"."""
    actions = sorted({need.action for need in needs}, key=str.casefold)
    noun, verb = ("action", "needs") if len(actions) == 1 else ("actions", "need")
    phrase = f"your plan's {_quoted(actions)} {noun} {verb}"
    goals = {need.goal for need in needs}
    if len(goals) == 1 and None not in goals:
        phrase += f", toward your goal '{goals.pop()}'"
    return phrase


def _pattern(skill: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(skill)}(?!\w)", re.IGNORECASE)


_LEADING = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, LEADING_TITLE_WORDS))})(?!\w)", re.IGNORECASE
)


def _what_they_do(person: Person, skill: str, pattern: re.Pattern[str]) -> str | None:
    """How the person's record names the skill, or None when it does not."""
    if pattern.search(person.title):
        return f"leads {skill}" if _LEADING.search(person.title) else f"works on {skill}"
    if pattern.search(person.function):
        return f"{WORKS_IN}{skill}"
    if pattern.search(person.notes):
        return f"your notes on them mention {skill}"
    return None


def _by_skill(needs: Sequence[SkillNeed]) -> dict[str, list[SkillNeed]]:
    """The needs grouped by skill (any case, spaces tidied), under the first spelling met."""
    grouped: dict[str, list[SkillNeed]] = {}
    spelling: dict[str, str] = {}
    for need in needs:
        name = " ".join(need.skill.split())
        if name:
            key = spelling.setdefault(name.casefold(), name)
            grouped.setdefault(key, []).append(need)
    return dict(sorted(grouped.items(), key=lambda item: item[0].casefold()))


def _ranked(candidates: list[Candidate], limit: int | None) -> list[Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.person.name.casefold(), c.person.pk))
    return ranked if limit is None else ranked[:limit]


def mentor_candidates(
    *,
    owner: Profile,
    today: dt.date,
    needs: Sequence[SkillNeed] | None = None,
    people: Sequence[Reachable] | None = None,
    limit: int | None = SHOWN,
) -> list[Candidate]:
    """People who could mentor the owner in what the plan needs, best match first.

    Who: active people one to three levels up (any function), or at the owner's level in
    another function, whose title, function or notes name a skill of an open plan action.
    Left out: the reporting line, current mentors, people below the owner or more than
    three levels up, and people not placed yet. A mentor whose role has ended may be asked
    again. Score: 10 per skill matched, 2 for another function, then influence (high 2,
    medium 1); ties by name, then id. Two queries (one for the needs when not given).
    """
    if needs is None:
        needs = skill_needs(owner=owner)
    if people is None:
        people = _approachable(owner, today, low=0, high=MENTOR_MAX_LEVELS_UP)
    wanted = [(skill, _pattern(skill), group) for skill, group in _by_skill(needs).items()]
    found = []
    for reachable in people:
        person, level = reachable.person, reachable.person.relative_level
        if reachable.mentor_now or level is None or not 0 <= level <= MENTOR_MAX_LEVELS_UP:
            continue
        other = in_other_function(person.function, owner=owner)
        if level == 0 and not other:
            continue
        matches = [
            f"{doing}, which {_need_phrase(group)}"
            for skill, pattern, group in wanted
            if (doing := _what_they_do(person, skill, pattern)) is not None
        ]
        if not matches:
            continue
        parts = [*matches, _levels_up(level)]
        # "works in pricing" has named their function already.
        named_function = any(match.startswith(WORKS_IN) for match in matches)
        if person.function and not named_function:
            parts.append(person.function)
        if reachable.mentored_before:
            parts.append("mentored you before")
        score = 10 * len(matches) + 2 * other + INFLUENCE_RANK.get(Influence(person.influence), 0)
        found.append(Candidate(person, score, tuple(parts)))
    return _ranked(found, limit)


def _wins_part(known: int, top: int) -> str | None:
    if top == 0:
        return None
    if known == 0:
        return "knows none of your top wins yet"
    if known == top:
        return "knows your top win" if top == 1 else f"knows all {top} of your top wins"
    return f"knows {known} of your {count_of(top, 'top win')}"


def sponsor_candidates(
    *,
    owner: Profile,
    today: dt.date,
    limits: Thresholds,
    known: WinsKnown | None = None,
    people: Sequence[Reachable] | None = None,
    limit: int | None = SHOWN,
) -> list[Candidate]:
    """Leaders who could sponsor the owner, by influence, then by top wins they know.

    Who: active people two or three levels up (`sponsor_levels`: from the owner's
    sponsor setting), outside the reporting line, not already a sponsor. Score: influence
    (high 2, medium 1, low 0) times one more than the number of top wins, plus the top wins
    they know, so influence ranks first; ties by name, then id. Top wins are the rule of
    `wins.selectors.top_wins` over the owner's visibility period. One query, and the few of
    the wins reader when `known` is not given.
    """
    if known is None:
        known = wins_known(owner=owner, today=today, limits=limits)
    low, high = sponsor_levels(limits)
    if people is None:
        people = _approachable(owner, today, low=low, high=high)
    found = []
    for reachable in people:
        person, level = reachable.person, reachable.person.relative_level
        if reachable.sponsor_now or level is None or not low <= level <= high:
            continue
        told = known.by_person.get(person.pk, 0)
        influence = Influence(person.influence)
        parts = [f"{influence.label.lower()} influence"]
        if (wins := _wins_part(told, known.top)) is not None:
            parts.append(wins)
        parts.append(_levels_up(level))
        if person.function:
            parts.append(person.function)
        score = INFLUENCE_RANK[influence] * (known.top + 1) + told
        found.append(Candidate(person, score, tuple(parts)))
    return _ranked(found, limit)


def approach(*, owner: Profile, today: dt.date, limits: Thresholds) -> Approach:
    """Both lists and what is missing for more: what the people page's panel shows.

    One read of the network serves both lists; four queries whatever its size.
    """
    needs = skill_needs(owner=owner)
    levels = sponsor_levels(limits)
    people = _approachable(owner, today, low=0, high=max(MENTOR_MAX_LEVELS_UP, levels[1]))
    return Approach(
        mentors=mentor_candidates(owner=owner, today=today, needs=needs, people=people),
        sponsors=sponsor_candidates(owner=owner, today=today, limits=limits, people=people),
        skills=list(_by_skill(needs)),
        unplaced=sum(reachable.person.relative_level is None for reachable in people),
        sponsor_levels=levels,
    )
