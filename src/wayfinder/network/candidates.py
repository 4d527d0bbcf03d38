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
from functools import partial
from typing import NamedTuple
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
# A mentor candidate whose mentor role has ended: the last part of the reason.
MENTORED_BEFORE = "mentored you before"


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


class Reachable(NamedTuple):
    """Someone outside the reporting line, read as plain values: only the few a list shows
    become `Person` objects (a network of thousands reads in milliseconds). A tuple, made
    from the row as it comes: a frozen dataclass cost more to build than the row to read."""

    pk: int
    name: str
    title: str
    function: str
    notes: str
    relative_level: int | None
    influence: str
    mentor_now: bool
    sponsor_now: bool


def _approachable(owner: Profile, today: dt.date, *, low: int, high: int) -> list[Reachable]:
    """Active people outside the reporting line, `low` to `high` levels up or not placed
    yet. One query. Whether a mentor role has ended is read for the people shown only
    (`_candidates`): it adds to a reason, never to a rank."""
    held = PersonRole.objects.held_on(today).filter(person=OuterRef("pk"))
    rows = (
        Person.objects.for_owner(owner)
        .filter(
            Q(relative_level__isnull=True) | Q(relative_level__gte=low, relative_level__lte=high),
            is_active=True,
        )
        .exclude(Exists(held.filter(role__in=REPORTING_LINE_ROLES)))
        .annotate(
            mentor_now=Exists(held.filter(role=Role.MENTOR)),
            sponsor_now=Exists(held.filter(role=Role.SPONSOR)),
        )
        .order_by()  # the lists rank what they find
        .values_list(
            "pk",
            "name",
            "title",
            "function",
            "notes",
            "relative_level",
            "influence",
            "mentor_now",
            "sponsor_now",
        )
    )
    return list(map(Reachable._make, rows))


@dataclass(frozen=True)
class _Found:
    """Someone a list has found, with their score; the reason is put in words for the
    people shown only (`said`), after the ranking, which does not depend on it."""

    reachable: Reachable
    score: int
    said: Callable[[], tuple[str, ...]]


def _ranked(found: list[_Found], limit: int | None) -> list[_Found]:
    ranked = sorted(found, key=lambda f: (-f.score, f.reachable.name.casefold(), f.reachable.pk))
    return ranked if limit is None else ranked[:limit]


def _candidates(
    owner: Profile, today: dt.date, mentors: list[_Found], sponsors: list[_Found]
) -> tuple[list[Candidate], list[Candidate]]:
    """The shown people as `Person` objects, for both lists at once: one query, even when
    no list holds anyone, so a page costs the same whoever matches (pk 0 never exists).
    A mentor candidate whose mentor role has ended says so last in the reason."""
    people = Person.objects.for_owner(owner)
    if mentors:  # the same query, asked one more thing
        ended = PersonRole.objects.filter(
            person=OuterRef("pk"), role=Role.MENTOR, ended_on__lte=today
        )
        people = people.annotate(mentored_before=Exists(ended))
    shown = people.in_bulk({f.reachable.pk for found in (mentors, sponsors) for f in found} or [0])
    return (
        [
            Candidate(
                shown[f.reachable.pk],
                f.score,
                (*f.said(), MENTORED_BEFORE) if shown[f.reachable.pk].mentored_before else f.said(),
            )
            for f in mentors
        ],
        [Candidate(shown[f.reachable.pk], f.score, f.said()) for f in sponsors],
    )


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


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    """Any of `words` as a whole word, in any case; the longest first where they overlap."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_LEADING = _pattern(LEADING_TITLE_WORDS)


def _skills_named(pattern: re.Pattern[str], text: str, skills: Mapping[str, str]) -> set[str]:
    """The skills (by name, from `skills`: casefolded name to name) `text` names."""
    return {skills[m.group(0).casefold()] for m in pattern.finditer(text)} if text else set()


def _what_they_do(
    person: Reachable, pattern: re.Pattern[str], skills: Mapping[str, str]
) -> dict[str, str]:
    """For each skill the person's record names: how it names it (title first, then
    function, then notes)."""
    doing: dict[str, str] = {}
    leads = bool(_LEADING.search(person.title))
    for skill in _skills_named(pattern, person.title, skills):
        doing[skill] = f"leads {skill}" if leads else f"works on {skill}"
    for skill in _skills_named(pattern, person.function, skills):
        doing.setdefault(skill, f"{WORKS_IN}{skill}")
    for skill in _skills_named(pattern, person.notes, skills):
        doing.setdefault(skill, f"your notes on them mention {skill}")
    return doing


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
    medium 1); ties by name, then id. Three queries: the needs (unless given), the network,
    and the people shown.
    """
    if needs is None:
        needs = skill_needs(owner=owner)
    if people is None:
        people = _approachable(owner, today, low=0, high=MENTOR_MAX_LEVELS_UP)
    found = _ranked(_mentor_matches(owner, needs, people), limit)
    return _candidates(owner, today, found, [])[0]


def _mentor_matches(
    owner: Profile, needs: Sequence[SkillNeed], people: Sequence[Reachable]
) -> list[_Found]:
    grouped = _by_skill(needs)
    if not grouped:
        return []
    skills = {skill.casefold(): skill for skill in grouped}
    others: dict[str, bool] = {}  # in another function, by the function as spelled
    placed = []  # who the levels and functions let in, with what their record says
    for person in people:
        level = person.relative_level
        if person.mentor_now or level is None or not 0 <= level <= MENTOR_MAX_LEVELS_UP:
            continue
        if person.function not in others:
            others[person.function] = in_other_function(person.function, owner=owner)
        other = others[person.function]
        if level == 0 and not other:
            continue
        text = f"{person.title}\n{person.function}\n{person.notes}".casefold()
        placed.append((person, level, other, text))
    # A plain substring test first: most people name none of the skills, and it is much
    # cheaper than the whole-word pattern. The skills nobody's record holds are dropped
    # first, with one search of all the records together, which is what makes the test
    # of each record cheap: it tries only the skills some record names.
    everyone = "\n".join(text for *_, text in placed)
    named = [skill for skill in skills if skill in everyone]
    if not named:
        return []
    pattern = _pattern(list(grouped))
    found = []
    for person, level, other, text in placed:
        if not any(skill in text for skill in named):
            continue
        doing = _what_they_do(person, pattern, skills)
        if not doing:
            continue
        # Each skill their record names is one of the plan's (`skills` names them so).
        score = 10 * len(doing) + 2 * other + INFLUENCE_RANK.get(Influence(person.influence), 0)
        found.append(_Found(person, score, partial(_mentor_reason, person, level, doing, grouped)))
    return found


def _mentor_reason(
    person: Reachable,
    level: int,
    doing: Mapping[str, str],
    grouped: Mapping[str, list[SkillNeed]],
) -> tuple[str, ...]:
    matches = [
        f"{doing[skill]}, which {_need_phrase(grouped[skill])}"
        for skill in grouped
        if skill in doing
    ]
    parts = [*matches, _levels_up(level)]
    # "works in pricing" has named their function already.
    if person.function and not any(does.startswith(WORKS_IN) for does in doing.values()):
        parts.append(person.function)
    return tuple(parts)


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
    `wins.selectors.top_wins` over the owner's visibility period. Four queries: the wins
    reader's two (unless `known` is given), the network, and the people shown.
    """
    if known is None:
        known = wins_known(owner=owner, today=today, limits=limits)
    if people is None:
        low, high = sponsor_levels(limits)
        people = _approachable(owner, today, low=low, high=high)
    return _candidates(owner, today, [], _ranked(_sponsor_matches(known, limits, people), limit))[1]


def _sponsor_matches(
    known: WinsKnown, limits: Thresholds, people: Sequence[Reachable]
) -> list[_Found]:
    low, high = sponsor_levels(limits)
    found = []
    for person in people:
        level = person.relative_level
        if person.sponsor_now or level is None or not low <= level <= high:
            continue
        told = known.by_person.get(person.pk, 0)
        score = INFLUENCE_RANK[Influence(person.influence)] * (known.top + 1) + told
        found.append(
            _Found(person, score, partial(_sponsor_reason, person, level, told, known.top))
        )
    return found


def _sponsor_reason(person: Reachable, level: int, told: int, top: int) -> tuple[str, ...]:
    parts = [f"{Influence(person.influence).label.lower()} influence"]
    if (wins := _wins_part(told, top)) is not None:
        parts.append(wins)
    parts.append(_levels_up(level))
    if person.function:
        parts.append(person.function)
    return tuple(parts)


def approachable(*, owner: Profile, today: dt.date, limits: Thresholds) -> list[Reachable]:
    """The network both lists choose from (mentors one to three levels up, sponsors at the
    sponsor levels), for a caller that asks for both: one query."""
    high = max(MENTOR_MAX_LEVELS_UP, sponsor_levels(limits)[1])
    return _approachable(owner, today, low=0, high=high)


def approach(*, owner: Profile, today: dt.date, limits: Thresholds) -> Approach:
    """Both lists and what is missing for more: what the people page's panel shows.

    One read of the network serves both lists; five queries whatever its size.
    """
    needs = skill_needs(owner=owner)
    levels = sponsor_levels(limits)
    people = approachable(owner=owner, today=today, limits=limits)
    known = wins_known(owner=owner, today=today, limits=limits)
    mentors, sponsors = _candidates(
        owner,
        today,
        _ranked(_mentor_matches(owner, needs, people), SHOWN),
        _ranked(_sponsor_matches(known, limits, people), SHOWN),
    )
    return Approach(
        mentors=mentors,
        sponsors=sponsors,
        skills=list(_by_skill(needs)),
        unplaced=sum(person.relative_level is None for person in people),
        sponsor_levels=levels,
    )
