"""The matching: optimal against brute force, and its hard rules as properties."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from wayfinder.mentoring.matching import (
    Mentee,
    Mentor,
    Pair,
    Weights,
    greedy,
    in_chain,
    match,
    score,
)

SKILLS = ["negotiation", "pricing", "python", "hiring", "writing"]
WEIGHTS = Weights()


def mentee(key, skills=("negotiation",), **fields) -> Mentee:
    fields.setdefault("level", 2)
    return Mentee(key=key, who=f"mentee{key}", skills=frozenset(skills), **fields)


def mentor(key, skills=("negotiation",), **fields) -> Mentor:
    fields.setdefault("level", 4)
    fields.setdefault("levels_mentored", frozenset({1, 2, 3}))
    return Mentor(key=key, who=f"mentor{key}", skills=frozenset(skills), **fields)


def test_a_pair_is_explained_by_what_it_matched_on():
    pair = score(
        mentee(
            1,
            ["negotiation", "pricing", "python"],
            function="sales",
            prefers_other_function=True,
            levels_up_min=1,
            levels_up_max=2,
            utc_offset_minutes=0,
            max_hours_apart=2,
        ),
        mentor(7, ["Pricing", "negotiation", "hiring"], function="finance", utc_offset_minutes=60),
        WEIGHTS,
    )
    assert pair == Pair(
        1,
        7,
        3 * 2 + 2 + 1 + 1,
        "matched on negotiation, Pricing; 2 levels up; other function; 1 h time difference",
    )


def test_each_criterion_scores_only_when_it_holds():
    base = mentee(1, function="sales", levels_up_min=1, levels_up_max=1, max_hours_apart=0)
    far = mentor(1, function="sales", utc_offset_minutes=120)
    assert score(base, far, WEIGHTS).fit == 3  # skill only: 2 levels up, same function, 2 h
    off = Weights(skill=1, level=0, other_function=0, time_zone=0)
    assert score(mentee(1), mentor(1), off).fit == 1


def test_hard_rules_refuse_a_pair():
    assert score(mentee(1, ["python"]), mentor(1, ["pricing"]), WEIGHTS) is None
    assert score(mentee(1, level=5), mentor(1), WEIGHTS) is None  # a level not mentored
    boss = mentor(1)
    assert score(mentee(1, manager="mentor1"), boss, WEIGHTS) is None
    assert score(mentee(1, skip_level=" MENTOR1 "), boss, WEIGHTS) is None
    assert score(mentee(1), mentor(1, manager="mentee1"), WEIGHTS) is None  # reports to mentee
    assert in_chain(Mentee(1, "same", frozenset()), Mentor(1, "same", frozenset()))


def test_pins_are_kept_and_use_capacity():
    pinned = Pair(1, 1, 0, "pinned")
    result = match([mentee(1), mentee(2)], [mentor(1, capacity=1)], weights=WEIGHTS, fixed=[pinned])
    assert result.pairs == [pinned]
    assert result.unmatched == [2]


def test_excluded_pairs_are_never_proposed():
    result = match([mentee(1)], [mentor(1), mentor(2)], weights=WEIGHTS, excluded={(1, 1)})
    assert [(p.mentee, p.mentor) for p in result.pairs] == [(1, 2)]


def test_the_cap_per_mentor_bounds_a_generous_capacity():
    result = match(
        [mentee(n) for n in range(4)], [mentor(1, capacity=5)], weights=WEIGHTS, cap_per_mentor=2
    )
    assert len(result.pairs) == 2


def test_optimal_beats_greedy_where_greedy_is_shortsighted():
    # Mentor 1 fits both mentees; mentor 2 fits only mentee 1. Greedy gives mentor 1 to
    # the best pair (mentee 1) and leaves mentee 2 alone; the optimum pairs both.
    mentees = [mentee(1, ["negotiation", "pricing"]), mentee(2, ["negotiation"])]
    mentors = [
        mentor(1, ["negotiation", "pricing"], capacity=1),
        mentor(2, ["pricing"], capacity=1),
    ]
    best = match(mentees, mentors, weights=WEIGHTS)
    base = greedy(mentees, mentors, weights=WEIGHTS)
    assert {(p.mentee, p.mentor) for p in best.pairs} == {(1, 2), (2, 1)}
    assert best.total_fit > base.total_fit


def test_nobody_to_match():
    assert match([], [mentor(1)], weights=WEIGHTS).pairs == []
    assert match([mentee(1)], [], weights=WEIGHTS).unmatched == [1]


# --- Properties on small random instances -------------------------------------------------

people = st.builds(
    dict,
    skills=st.frozensets(st.sampled_from(SKILLS), min_size=1, max_size=3),
    function=st.sampled_from(["sales", "finance", "engineering"]),
    level=st.integers(1, 5),
    utc_offset_minutes=st.sampled_from([0, 60, 300, -480]),
)


@st.composite
def instances(draw):
    n = draw(st.integers(0, 5))
    m = draw(st.integers(0, 3))
    mentees = []
    for key in range(n):
        p = draw(people)
        low = draw(st.integers(0, 2))
        mentees.append(
            Mentee(
                key=key,
                who=f"e{key}",
                manager=draw(st.sampled_from(["", "r0", "r1", "r2"])),
                skip_level=draw(st.sampled_from(["", "r0", "r1"])),
                levels_up_min=low,
                levels_up_max=low + draw(st.integers(0, 2)),
                prefers_other_function=draw(st.booleans()),
                max_hours_apart=draw(st.sampled_from([None, 0, 2, 8])),
                **p,
            )
        )
    mentors = []
    for key in range(m):
        p = draw(people)
        mentors.append(
            Mentor(
                key=100 + key,
                who=f"r{key}",
                capacity=draw(st.integers(1, 3)),
                levels_mentored=draw(st.frozensets(st.integers(1, 5), min_size=1)),
                manager=draw(st.sampled_from(["", "e0", "e1"])),
                **p,
            )
        )
    pairs = [(a.key, b.key) for a in mentees for b in mentors]
    excluded = draw(st.frozensets(st.sampled_from(pairs), max_size=3)) if pairs else frozenset()
    weights = Weights(
        skill=draw(st.integers(1, 4)),
        level=draw(st.integers(0, 3)),
        other_function=draw(st.integers(0, 3)),
        time_zone=draw(st.integers(0, 3)),
    )
    cap = draw(st.integers(1, 3))
    return mentees, mentors, excluded, weights, cap


def brute_force(mentees, mentors, excluded, weights, cap) -> int:
    """The best total fit over every assignment (each mentee to one mentor or none)."""
    options = []
    for a in mentees:
        mine = [(None, 0)]
        for b in mentors:
            pair = score(a, b, weights)
            if pair is not None and (a.key, b.key) not in excluded:
                mine.append((b.key, pair.fit))
        options.append(mine)
    room = {b.key: min(b.capacity, cap) for b in mentors}
    best = 0
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        for key, _fit in choice:
            if key is not None:
                used[key] = used.get(key, 0) + 1
        if all(used[k] <= room[k] for k in used):
            best = max(best, sum(fit for _key, fit in choice))
    return best


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_match_is_optimal_and_keeps_every_rule(instance):
    mentees, mentors, excluded, weights, cap = instance
    result = match(mentees, mentors, weights=weights, cap_per_mentor=cap, excluded=excluded)
    assert result.total_fit == brute_force(mentees, mentors, excluded, weights, cap)
    by_key = {m.key: m for m in mentees}
    mentor_of = {m.key: m for m in mentors}
    used: dict[int, int] = {}
    for pair in result.pairs:
        used[pair.mentor] = used.get(pair.mentor, 0) + 1
        assert (pair.mentee, pair.mentor) not in excluded
        assert not in_chain(by_key[pair.mentee], mentor_of[pair.mentor])
        assert pair == score(by_key[pair.mentee], mentor_of[pair.mentor], weights)
    assert all(used[k] <= min(mentor_of[k].capacity, cap) for k in used)
    assert len({p.mentee for p in result.pairs}) == len(result.pairs)
    assert sorted([*result.unmatched, *(p.mentee for p in result.pairs)]) == sorted(by_key)
    assert (
        greedy(mentees, mentors, weights=weights, cap_per_mentor=cap, excluded=excluded).total_fit
        <= result.total_fit
    )
