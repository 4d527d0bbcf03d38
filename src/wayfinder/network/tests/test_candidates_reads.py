"""Candidates read the network once, as plain values, and ask more only of the people shown:
whether a mentor role has ended is read with the shown people (it adds to a reason, never
to a rank), and the skills nobody's record names are dropped before anyone's record is
searched. The lists say what they said when every row carried everything."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.network.candidates import (
    SkillNeed,
    WinsKnown,
    approach,
    approachable,
    mentor_candidates,
    sponsor_candidates,
)
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db
ENDED = (dt.date(2024, 1, 1), TODAY - dt.timedelta(days=1))
NEEDS = [
    SkillNeed("pricing", "Commercial acumen", "Run the deal desk"),
    SkillNeed("Negotiation", "Close a renewal"),
    SkillNeed("forecasting", "Nobody names this one"),
]


@pytest.fixture
def owner():
    return ProfileFactory(function="Engineering")


def someone(owner, name, *, mentored=None, sponsored=None, **fields):
    defaults = {"title": "Head of Pricing", "function": "Finance", "relative_level": 2}
    person = PersonFactory(owner=owner, name=name, **{**defaults, **fields})
    for role, dates in ((Role.MENTOR, mentored), (Role.SPONSOR, sponsored)):
        if dates is not None:
            PersonRoleFactory(
                owner=owner, person=person, role=role, started_on=dates[0], ended_on=dates[1]
            )
    return person


@pytest.fixture
def network(owner):
    return {
        # A former mentor ranks where their skills put them; the reason says it last.
        "Ada": someone(owner, "Ada", title="Head of Pricing and Negotiation", mentored=ENDED),
        "Ben": someone(owner, "Ben", influence=Influence.HIGH),
        # A mentor role that ends tomorrow is held today: not a candidate.
        "Cal": someone(owner, "Cal", mentored=(None, TODAY + dt.timedelta(days=1))),
        "Dee": someone(owner, "Dee", title="Analyst", notes="Ran NEGOTIATION at Contoso."),
        # Beyond the shown five, a former mentor: the reason is theirs all the same.
        "Eve": someone(owner, "Eve", title="Analyst", relative_level=1, mentored=ENDED),
        "Fay": someone(owner, "Fay", title="Analyst", function="Pricing", relative_level=0),
        "Gus": someone(owner, "Gus", title="Pricing lead", relative_level=3),
        "Hal": someone(owner, "Hal", title="Analyst", notes="Pricing desk.", relative_level=1),
        # A former sponsor and a current one: sponsors only, never a mentor reason.
        "Ivy": someone(owner, "Ivy", title="VP", relative_level=3, sponsored=ENDED),
        "Jon": someone(owner, "Jon", title="VP", relative_level=3, sponsored=(None, None)),
    }


def _said(candidates):
    return [(c.person.name, c.score, c.reason) for c in candidates]


def test_mentors_say_what_they_said_when_every_row_read_the_ended_roles(owner, network):
    expected = [
        (
            "Ada",
            23,
            "leads Negotiation, which your plan's 'Close a renewal' action needs; leads pricing, "
            "which your plan's 'Commercial acumen' action needs, toward your goal 'Run the deal "
            "desk'; 2 levels up; Finance; mentored you before",
        ),
        (
            "Ben",
            14,
            "leads pricing, which your plan's 'Commercial acumen' action needs, toward your goal "
            "'Run the deal desk'; 2 levels up; Finance",
        ),
        (
            "Dee",
            13,
            "your notes on them mention Negotiation, which your plan's 'Close a renewal' action "
            "needs; 2 levels up; Finance",
        ),
        (
            "Eve",
            13,
            "your notes on them mention pricing, which your plan's 'Commercial acumen' action "
            "needs, toward your goal 'Run the deal desk'; 1 level up; Finance; mentored you before",
        ),
        (
            "Fay",
            13,
            "works in pricing, which your plan's 'Commercial acumen' action needs, toward your "
            "goal 'Run the deal desk'; at your level",
        ),
        (
            "Gus",
            13,
            "leads pricing, which your plan's 'Commercial acumen' action needs, toward your goal "
            "'Run the deal desk'; 3 levels up; Finance",
        ),
        (
            "Hal",
            13,
            "your notes on them mention pricing, which your plan's 'Commercial acumen' action "
            "needs, toward your goal 'Run the deal desk'; 1 level up; Finance",
        ),
    ]
    # Eve's title names no skill: her notes do (the factory's default notes are empty).
    network["Eve"].notes = "Pricing reviews every quarter."
    network["Eve"].save()
    found = mentor_candidates(owner=owner, today=TODAY, needs=NEEDS, limit=None)
    assert _said(found) == expected
    assert _said(mentor_candidates(owner=owner, today=TODAY, needs=NEEDS)) == expected[:5]
    # The same from the one read both lists share, and from the people page's panel.
    people = approachable(owner=owner, today=TODAY, limits=DEFAULTS)
    shared = mentor_candidates(owner=owner, today=TODAY, needs=NEEDS, people=people, limit=None)
    assert _said(shared) == expected


def test_a_mentor_role_ended_only_later_is_held_on_an_earlier_day(owner, network):
    before = ENDED[1] - dt.timedelta(days=1)
    found = mentor_candidates(owner=owner, today=before, needs=NEEDS, limit=None)
    assert "Ada" not in [c.person.name for c in found]
    assert not any(c.reason.endswith("mentored you before") for c in found)


def test_sponsors_never_say_they_mentored_you(owner, network):
    known = WinsKnown(top=2, by_person={network["Ivy"].pk: 2, network["Ada"].pk: 1})
    found = sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS, known=known, limit=4)
    assert _said(found) == [
        ("Ben", 6, "high influence; knows none of your top wins yet; 2 levels up; Finance"),
        ("Ivy", 5, "medium influence; knows all 2 of your top wins; 3 levels up; Finance"),
        ("Ada", 4, "medium influence; knows 1 of your 2 top wins; 2 levels up; Finance"),
        # Cal's mentor role, held until tomorrow, keeps him off the mentors only.
        ("Cal", 3, "medium influence; knows none of your top wins yet; 2 levels up; Finance"),
    ]


def test_the_panel_says_the_same_as_each_list(owner, network, monkeypatch):
    from wayfinder.network import candidates

    monkeypatch.setattr(candidates, "skill_needs", lambda *, owner: NEEDS)
    known = WinsKnown(top=0, by_person={})
    monkeypatch.setattr(candidates, "wins_known", lambda **kwargs: known)
    panel = approach(owner=owner, today=TODAY, limits=DEFAULTS)
    assert _said(panel.mentors) == _said(mentor_candidates(owner=owner, today=TODAY, needs=NEEDS))
    assert _said(panel.sponsors) == _said(
        sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS, known=known)
    )
    assert panel.mentors[0].reason.endswith("; mentored you before")


@pytest.mark.parametrize(
    ("needs", "names"),
    [
        ([SkillNeed("forecasting", "A")], []),
        ([SkillNeed("forecasting", "A"), SkillNeed("NEGOTIATION", "B")], ["Ada", "Dee"]),
        # A substring of a record is not a whole word of it: "pric" names nobody.
        ([SkillNeed("pric", "A")], []),
        ([], []),
    ],
    ids=["named by nobody", "one named, one not", "a substring only", "no needs"],
)
def test_skills_nobody_names_find_nobody(owner, network, needs, names):
    found = mentor_candidates(owner=owner, today=TODAY, needs=needs, limit=None)
    assert [c.person.name for c in found] == names
