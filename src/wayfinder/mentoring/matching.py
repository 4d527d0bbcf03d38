"""Optimal mentor–mentee matching: pure (no Django), plain dataclasses in, pairs out.

The fit of a pair is a whole number of points (so the optimum is exact):

- skills: `weights.skill` points for every skill the mentee wants that the mentor offers;
- level: `weights.level` points when the mentor is within the mentee's preferred range of
  levels up;
- function: `weights.other_function` points when the mentee prefers someone from another
  function and the mentor is from one;
- time zone: `weights.time_zone` points when the two are no more hours apart than the
  mentee accepts.

Hard rules, never broken: a pair shares at least one skill; the mentee's level is one the
mentor mentors; the mentor is not in the mentee's management chain (manager, skip-level,
either way round, as each opt-in states it) nor the mentee themself; a declined or
forbidden pair is excluded; a mentor takes at most their capacity (and the program's cap).

`match()` maximises the total fit over every pair that keeps the rules: a min-cost flow
(OR-Tools' `SimpleMinCostFlow`) on the sparse graph source → mentee → eligible mentor →
sink, each mentee with a zero-fit edge straight to the sink (unmatched), each mentor's
edge to the sink carrying their capacity. Only eligible pairs with a positive fit are
edges: any other pair scores no more than leaving the mentee unmatched, so the sparse
graph keeps the optimum of the dense one. Candidate pairs are found with numpy, a block
of mentees at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

BLOCK = 512  # mentees scored at once: a BLOCK × mentors matrix


@dataclass(frozen=True)
class Weights:
    """Points per criterion; 0 turns a criterion off (skills count at least 1)."""

    skill: int = 3
    level: int = 2
    other_function: int = 1
    time_zone: int = 1


@dataclass(frozen=True)
class Mentee:
    key: int
    who: str  # the identifier others name in their chain (a username)
    skills: frozenset[str]
    function: str = ""
    level: int = 0
    utc_offset_minutes: int = 0
    manager: str = ""
    skip_level: str = ""
    levels_up_min: int = 1
    levels_up_max: int = 3
    prefers_other_function: bool = False
    max_hours_apart: int | None = None  # None: any time difference


@dataclass(frozen=True)
class Mentor:
    key: int
    who: str
    skills: frozenset[str]
    function: str = ""
    level: int = 0
    utc_offset_minutes: int = 0
    manager: str = ""
    skip_level: str = ""
    capacity: int = 1
    levels_mentored: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Pair:
    mentee: int  # Mentee.key
    mentor: int  # Mentor.key
    fit: int
    explanation: str


@dataclass(frozen=True)
class Result:
    pairs: list[Pair]
    unmatched: list[int]  # Mentee.key of those left without a mentor
    candidate_pairs: int  # edges of the sparse graph

    @property
    def total_fit(self) -> int:
        return sum(pair.fit for pair in self.pairs)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def in_chain(mentee: Mentee, mentor: Mentor) -> bool:
    """Whether one of the two is the other, or the other's manager or skip-level."""
    mentee_who, mentor_who = _norm(mentee.who), _norm(mentor.who)
    above_mentee = {_norm(mentee.manager), _norm(mentee.skip_level)} - {""}
    above_mentor = {_norm(mentor.manager), _norm(mentor.skip_level)} - {""}
    return mentee_who == mentor_who or mentor_who in above_mentee or mentee_who in above_mentor


def hours_apart(mentee: Mentee, mentor: Mentor) -> float:
    return abs(mentee.utc_offset_minutes - mentor.utc_offset_minutes) / 60


def score(mentee: Mentee, mentor: Mentor, weights: Weights) -> Pair | None:
    """The pair with its fit and explanation, or None when a hard rule forbids it."""
    mentor_skills = {_norm(s): s for s in mentor.skills}
    common = {_norm(s) for s in mentee.skills} & set(mentor_skills)
    shared = sorted((mentor_skills[k] for k in common), key=str.casefold)
    if not shared or mentee.level not in mentor.levels_mentored or in_chain(mentee, mentor):
        return None
    fit = max(weights.skill, 1) * len(shared)
    reasons = ["matched on " + ", ".join(shared)]
    gap = mentor.level - mentee.level
    if mentee.levels_up_min <= gap <= mentee.levels_up_max:
        fit += weights.level
    reasons.append(_levels(gap))
    other = _norm(mentee.function) != _norm(mentor.function)
    if other and mentee.prefers_other_function:
        fit += weights.other_function
    reasons.append("other function" if other else "same function")
    hours = hours_apart(mentee, mentor)
    if mentee.max_hours_apart is None or hours <= mentee.max_hours_apart:
        fit += weights.time_zone
    reasons.append(_hours(hours))
    return Pair(mentee.key, mentor.key, fit, "; ".join(reasons))


def _levels(gap: int) -> str:
    if gap == 0:
        return "same level"
    word = "level" if abs(gap) == 1 else "levels"
    return f"{abs(gap)} {word} {'up' if gap > 0 else 'down'}"


def _hours(hours: float) -> str:
    if hours == 0:
        return "same time zone"
    shown = f"{hours:g}"
    return f"{shown} h time difference"


# --- The candidate graph ----------------------------------------------------------------


def _ids(values: Iterable[str], index: dict[str, int]) -> np.ndarray:
    return np.array([index.setdefault(_norm(v), len(index)) if v.strip() else -1 for v in values])


def candidates(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    excluded: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair that keeps the hard rules (capacity aside) with a positive fit, as three
    arrays: mentee positions, mentor positions, fits."""
    empty = np.zeros(0, dtype=np.int64)
    if not mentees or not mentors:
        return empty, empty, empty
    skill_index: dict[str, int] = {}
    for person in (*mentees, *mentors):
        for skill in person.skills:
            skill_index.setdefault(_norm(skill), len(skill_index))
    # Each mentee's skills as positions (padded with an empty row): the overlap with every
    # mentor is the sum of a few rows of the mentors' skill table, not a dense product.
    blank = len(skill_index)
    widest = max(len(m.skills) for m in mentees)
    wanted = np.full((len(mentees), max(widest, 1)), blank, dtype=np.int64)
    for row, mentee in enumerate(mentees):
        positions = sorted({skill_index[_norm(s)] for s in mentee.skills})
        wanted[row, : len(positions)] = positions
    offered = np.zeros((blank + 1, len(mentors)), dtype=np.int16)
    for col, mentor in enumerate(mentors):
        offered[[skill_index[_norm(s)] for s in mentor.skills], col] = 1

    levels = [m.level for m in mentees] + [lv for m in mentors for lv in m.levels_mentored]
    low = min(levels)
    mentored = np.zeros((len(mentors), max(levels) - low + 1), dtype=bool)
    for row, mentor in enumerate(mentors):
        mentored[row, [lv - low for lv in mentor.levels_mentored]] = True

    people: dict[str, int] = {}
    functions: dict[str, int] = {}
    mentee_who = _ids((m.who for m in mentees), people)
    mentee_manager = _ids((m.manager for m in mentees), people)
    mentee_skip = _ids((m.skip_level for m in mentees), people)
    mentor_who = _ids((m.who for m in mentors), people)
    mentor_manager = _ids((m.manager for m in mentors), people)
    mentor_skip = _ids((m.skip_level for m in mentors), people)
    mentee_function = _ids((m.function for m in mentees), functions)
    mentor_function = _ids((m.function for m in mentors), functions)
    mentee_level = np.array([m.level for m in mentees])
    mentor_level = np.array([m.level for m in mentors])
    up_min = np.array([m.levels_up_min for m in mentees])
    up_max = np.array([m.levels_up_max for m in mentees])
    other_wanted = np.array([m.prefers_other_function for m in mentees])
    apart_max = np.array(
        [np.inf if m.max_hours_apart is None else m.max_hours_apart for m in mentees]
    )
    mentee_offset = np.array([m.utc_offset_minutes for m in mentees]) / 60
    mentor_offset = np.array([m.utc_offset_minutes for m in mentors]) / 60

    found_i, found_j, found_fit = [], [], []
    skill_points = max(weights.skill, 1)
    for start in range(0, len(mentees), BLOCK):
        rows = slice(start, start + BLOCK)
        shared = offered[wanted[rows]].sum(axis=1, dtype=np.int64)
        ok = shared > 0
        ok &= mentored[:, mentee_level[rows] - low].T
        chain = mentor_who[None, :] == mentee_who[rows, None]
        for above in (mentee_manager[rows, None], mentee_skip[rows, None]):
            chain |= (above >= 0) & (mentor_who[None, :] == above)
        for above in (mentor_manager[None, :], mentor_skip[None, :]):
            chain |= (above >= 0) & (above == mentee_who[rows, None])
        ok &= ~chain
        i, j = np.nonzero(ok)
        gap = mentor_level[j] - mentee_level[rows][i]
        i_all = i + start
        fit = skill_points * shared[i, j]
        fit += weights.level * ((up_min[i_all] <= gap) & (gap <= up_max[i_all]))
        other = mentee_function[i_all] != mentor_function[j]
        fit += weights.other_function * (other & other_wanted[i_all])
        apart = np.abs(mentee_offset[i_all] - mentor_offset[j])
        fit += weights.time_zone * (apart <= apart_max[i_all])
        found_i.append(i_all)
        found_j.append(j)
        found_fit.append(fit)
    i, j, fit = (np.concatenate(parts).astype(np.int64) for parts in (found_i, found_j, found_fit))
    if excluded:
        mentee_pos = {m.key: n for n, m in enumerate(mentees)}
        mentor_pos = {m.key: n for n, m in enumerate(mentors)}
        drop = {
            (mentee_pos[a], mentor_pos[b])
            for a, b in excluded
            if a in mentee_pos and b in mentor_pos
        }
        if drop:
            keep = np.array(
                [(a, b) not in drop for a, b in zip(i.tolist(), j.tolist(), strict=True)],
                dtype=bool,
            )
            i, j, fit = i[keep], j[keep], fit[keep]
    return i, j, fit


def _capacities(
    mentors: Sequence[Mentor], cap_per_mentor: int, fixed: Iterable[Pair]
) -> np.ndarray:
    taken: dict[int, int] = {}
    for pair in fixed:
        taken[pair.mentor] = taken.get(pair.mentor, 0) + 1
    return np.array(
        [max(min(m.capacity, cap_per_mentor) - taken.get(m.key, 0), 0) for m in mentors],
        dtype=np.int64,
    )


def _split(mentees: Sequence[Mentee], fixed: Sequence[Pair]) -> list[Mentee]:
    done = {pair.mentee for pair in fixed}
    return [m for m in mentees if m.key not in done]


def _explained(
    chosen: Iterable[tuple[int, int]],
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
) -> list[Pair]:
    pairs = []
    for a, b in chosen:
        pair = score(mentees[a], mentors[b], weights)
        assert pair is not None  # only eligible pairs are edges
        pairs.append(pair)
    return pairs


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    weights: Weights,
    cap_per_mentor: int = 5,
    excluded: frozenset[tuple[int, int]] = frozenset(),
    fixed: Sequence[Pair] = (),
) -> Result:
    """The pairs of the highest total fit. `fixed` pairs (pinned, or already agreed) are
    kept as they are and use their mentor's capacity; `excluded` pairs (declined,
    forbidden) are never proposed."""
    free = _split(mentees, fixed)
    capacity = _capacities(mentors, cap_per_mentor, fixed)
    i, j, fit = candidates(free, mentors, weights, excluded)
    n, m = len(free), len(mentors)
    chosen: list[tuple[int, int]] = []
    if len(i):
        # Node 0 the source, 1..n the mentees, n+1..n+m the mentors, n+m+1 the sink. Every
        # mentee sends one unit: through a mentor at cost BIG - fit, or unmatched at BIG,
        # so the least cost is the greatest total fit, with every cost non-negative.
        big = int(fit.max()) + 1
        sink = n + m + 1
        mentee_nodes = np.arange(1, n + 1)
        tails = np.concatenate([np.zeros(n, np.int64), mentee_nodes, i + 1, n + 1 + np.arange(m)])
        heads = np.concatenate(
            [mentee_nodes, np.full(n, sink), j + n + 1, np.full(m, sink, np.int64)]
        )
        capacities = np.concatenate(
            [np.ones(n, np.int64), np.ones(n, np.int64), np.ones(len(i), np.int64), capacity]
        )
        costs = np.concatenate(
            [np.zeros(n, np.int64), np.full(n, big), big - fit, np.zeros(m, np.int64)]
        )
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
        flow.set_node_supply(0, n)
        flow.set_node_supply(sink, -n)
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"the matching could not be solved (status {status})")
        pair_arcs = arcs[2 * n : 2 * n + len(i)]
        used = flow.flows(pair_arcs) > 0
        chosen = list(zip(i[used].tolist(), j[used].tolist(), strict=True))
    pairs = [*fixed, *_explained(chosen, free, mentors, weights)]
    matched = {pair.mentee for pair in pairs}
    return Result(
        pairs=pairs,
        unmatched=[m.key for m in mentees if m.key not in matched],
        candidate_pairs=len(i),
    )


def greedy(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    weights: Weights,
    cap_per_mentor: int = 5,
    excluded: frozenset[tuple[int, int]] = frozenset(),
    fixed: Sequence[Pair] = (),
) -> Result:
    """The baseline: the best remaining pair first, while the mentee is free and the mentor
    has room (what a careful person does by hand)."""
    free = _split(mentees, fixed)
    capacity = _capacities(mentors, cap_per_mentor, fixed)
    i, j, fit = candidates(free, mentors, weights, excluded)
    order = np.lexsort((j, i, -fit))
    taken = np.zeros(len(free), dtype=bool)
    chosen = []
    for a, b in zip(i[order].tolist(), j[order].tolist(), strict=True):
        if not taken[a] and capacity[b] > 0:
            taken[a] = True
            capacity[b] -= 1
            chosen.append((a, b))
    pairs = [*fixed, *_explained(chosen, free, mentors, weights)]
    matched = {pair.mentee for pair in pairs}
    return Result(
        pairs=pairs,
        unmatched=[m.key for m in mentees if m.key not in matched],
        candidate_pairs=len(i),
    )
