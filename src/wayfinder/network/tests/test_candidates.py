"""Who could you approach? Mentor and sponsor candidates, as tables of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.core.tests.factories import TODAY, ProfileFactory, SkillFactory
from wayfinder.core.thresholds import DEFAULTS, Thresholds
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.network.candidates import (
    SkillNeed,
    WinsKnown,
    approach,
    mentor_candidates,
    sponsor_candidates,
)
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db
PRICING = [SkillNeed(skill="pricing", action="Commercial acumen")]
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def owner():
    return ProfileFactory(function="Engineering")


def someone(owner, *, roles=(), **fields):
    defaults = {"title": "Head of Pricing", "function": "Finance", "relative_level": 2}
    person = PersonFactory(owner=owner, **{**defaults, **fields})
    for role, started, ended in roles:
        PersonRoleFactory(owner=owner, person=person, role=role, started_on=started, ended_on=ended)
    return person


HELD = (None, None)
ENDED = (dt.date(2024, 1, 1), YESTERDAY)
ENDS_TOMORROW = (None, TODAY + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("fields", "roles", "included"),
    [
        ({"relative_level": 1}, (), True),
        ({"relative_level": 2}, (), True),
        ({"relative_level": 3}, (), True),
        ({"relative_level": 4}, (), False),
        ({"relative_level": -1}, (), False),
        ({"relative_level": None}, (), False),
        ({"relative_level": 0, "function": "Finance"}, (), True),
        ({"relative_level": 0, "function": "engineering"}, (), False),
        ({"relative_level": 0, "function": ""}, (), False),
        ({"relative_level": 1, "function": "Engineering"}, (), True),
        ({"is_active": False}, (), False),
        ({"title": "Head of Sales"}, (), False),
        ({}, ((Role.MANAGER, *HELD),), False),
        ({}, ((Role.SKIP_LEVEL, *HELD),), False),
        ({}, ((Role.MANAGER, *ENDED),), True),
        ({}, ((Role.MENTOR, *HELD),), False),
        ({}, ((Role.MENTOR, *ENDS_TOMORROW),), False),
        ({}, ((Role.MENTOR, *ENDED),), True),
        ({}, ((Role.SPONSOR, *HELD),), True),
        ({}, ((Role.STAKEHOLDER, *HELD),), True),
    ],
    ids=[
        "1 up",
        "2 up",
        "3 up",
        "4 up: too far",
        "below",
        "not placed",
        "same level, other function",
        "same level, same function (any case)",
        "same level, no function",
        "1 up, same function",
        "archived",
        "no skill match",
        "manager",
        "skip-level",
        "former manager",
        "current mentor",
        "mentor until tomorrow",
        "former mentor",
        "sponsor",
        "stakeholder",
    ],
)
def test_who_is_a_mentor_candidate(owner, fields, roles, included):
    person = someone(owner, roles=roles, **fields)
    found = mentor_candidates(owner=owner, today=TODAY, needs=PRICING)
    assert [c.person for c in found] == ([person] if included else [])


@pytest.mark.parametrize(
    ("fields", "roles", "needs", "reason"),
    [
        (
            {},
            (),
            PRICING,
            "leads pricing, which your plan's 'Commercial acumen' action needs; 2 levels up; "
            "Finance",
        ),
        (
            {"title": "Pricing analyst", "relative_level": 1},
            (),
            PRICING,
            "works on pricing, which your plan's 'Commercial acumen' action needs; 1 level up; "
            "Finance",
        ),
        (
            {"title": "Analyst", "function": "Pricing", "relative_level": 0},
            (),
            PRICING,
            "works in pricing, which your plan's 'Commercial acumen' action needs; at your level",
        ),
        (
            {"title": "", "function": "", "notes": "Ran PRICING at Contoso."},
            (),
            PRICING,
            "your notes on them mention pricing, which your plan's 'Commercial acumen' action "
            "needs; 2 levels up",
        ),
        (
            {"title": "VP Pricing and Negotiation", "relative_level": 3},
            ((Role.MENTOR, *ENDED),),
            [
                SkillNeed("Pricing", "Commercial acumen", "Run the deal desk"),
                SkillNeed("pricing", "Quote review", "Run the deal desk"),
                SkillNeed("negotiation", "Close a renewal"),
                SkillNeed("negotiation", "Buyer training"),
                SkillNeed("negotiation", "Role play"),
            ],
            "leads negotiation, which your plan's 'Buyer training', 'Close a renewal' and "
            "1 more actions need; leads Pricing, which your plan's 'Commercial acumen' and "
            "'Quote review' actions need, toward your goal 'Run the deal desk'; 3 levels up; "
            "Finance; mentored you before",
        ),
    ],
    ids=["leads", "works on", "works in", "notes", "two skills, former mentor"],
)
def test_mentor_reason(owner, fields, roles, needs, reason):
    someone(owner, roles=roles, **fields)
    [found] = mentor_candidates(owner=owner, today=TODAY, needs=needs)
    assert found.reason == reason


def test_a_skill_is_matched_as_a_whole_word(owner):
    someone(owner, title="Head of Repricing")
    assert mentor_candidates(owner=owner, today=TODAY, needs=PRICING) == []


def test_mentors_rank_by_skills_then_function_then_influence_then_name(owner):
    needs = [SkillNeed("pricing", "A"), SkillNeed("negotiation", "B")]
    both = someone(owner, name="Zoe", title="Head of Pricing and Negotiation")
    same_function = someone(owner, name="Amy", function="Engineering", influence=Influence.HIGH)
    other_high = someone(owner, name="Yan", influence=Influence.HIGH)
    other_a = someone(owner, name="Bea")
    other_b = someone(owner, name="bob")
    found = mentor_candidates(owner=owner, today=TODAY, needs=needs, limit=None)
    assert [c.person for c in found] == [both, other_high, other_a, other_b, same_function]
    assert [c.score for c in found] == [23, 14, 13, 13, 12]
    assert [
        c.person for c in mentor_candidates(owner=owner, today=TODAY, needs=needs, limit=2)
    ] == [
        both,
        other_high,
    ]


def test_mentor_candidates_come_from_the_open_actions_skills(owner):
    goal = GoalFactory(owner=owner, title="Run the deal desk")
    action = DevelopmentActionFactory(owner=owner, title="Commercial acumen", goal=goal)
    action.skills.set([SkillFactory(owner=owner, name="Pricing")])
    done = DevelopmentActionFactory(
        owner=owner, title="Old course", status=ActionStatus.DONE, completed_on=YESTERDAY
    )
    done.skills.set([SkillFactory(owner=owner, name="Forecasting")])
    someone(owner, name="Priya")
    someone(owner, name="Fay", title="Head of Forecasting")
    [found] = mentor_candidates(owner=owner, today=TODAY)
    assert found.person.name == "Priya"
    assert found.reason == (
        "leads Pricing, which your plan's 'Commercial acumen' action needs, toward your goal "
        "'Run the deal desk'; 2 levels up; Finance"
    )


def test_another_owners_people_never_appear(owner):
    someone(ProfileFactory(), name="Not yours")
    assert mentor_candidates(owner=owner, today=TODAY, needs=PRICING) == []
    assert sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS) == []


NO_WINS = WinsKnown(top=0, by_person={})


@pytest.mark.parametrize(
    ("fields", "roles", "limits", "included"),
    [
        ({"relative_level": 1}, (), DEFAULTS, False),
        ({"relative_level": 2}, (), DEFAULTS, True),
        ({"relative_level": 3}, (), DEFAULTS, True),
        ({"relative_level": 4}, (), DEFAULTS, False),
        ({"relative_level": 4}, (), Thresholds(sponsor_min_levels_above=3), True),
        ({"relative_level": 2}, (), Thresholds(sponsor_min_levels_above=3), False),
        ({"relative_level": None}, (), DEFAULTS, False),
        ({"is_active": False}, (), DEFAULTS, False),
        ({"influence": Influence.LOW}, (), DEFAULTS, True),
        ({}, ((Role.SKIP_LEVEL, *HELD),), DEFAULTS, False),
        ({}, ((Role.MANAGER, *HELD),), DEFAULTS, False),
        ({}, ((Role.SPONSOR, *HELD),), DEFAULTS, False),
        ({}, ((Role.SPONSOR, *ENDED),), DEFAULTS, True),
        ({}, ((Role.MENTOR, *HELD),), DEFAULTS, True),
    ],
    ids=[
        "1 up: a manager's reach",
        "2 up",
        "3 up",
        "4 up",
        "4 up when sponsors start 3 up",
        "2 up when sponsors start 3 up",
        "not placed",
        "archived",
        "low influence",
        "skip-level",
        "manager",
        "current sponsor",
        "former sponsor",
        "mentor",
    ],
)
def test_who_is_a_sponsor_candidate(owner, fields, roles, limits, included):
    person = someone(owner, roles=roles, **fields)
    found = sponsor_candidates(owner=owner, today=TODAY, limits=limits, known=NO_WINS)
    assert [c.person for c in found] == ([person] if included else [])


@pytest.mark.parametrize(
    ("influence", "known", "top", "reason"),
    [
        (Influence.HIGH, 2, 5, "high influence; knows 2 of your 5 top wins; 3 levels up; Sales"),
        (
            Influence.MEDIUM,
            0,
            5,
            "medium influence; knows none of your top wins yet; 3 levels up; Sales",
        ),
        (Influence.LOW, 1, 1, "low influence; knows your top win; 3 levels up; Sales"),
        (Influence.HIGH, 3, 3, "high influence; knows all 3 of your top wins; 3 levels up; Sales"),
        (Influence.HIGH, 0, 0, "high influence; 3 levels up; Sales"),
    ],
)
def test_sponsor_reason(owner, influence, known, top, reason):
    leader = someone(owner, function="Sales", relative_level=3, influence=influence)
    wins = WinsKnown(top=top, by_person={leader.pk: known})
    [found] = sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS, known=wins)
    assert found.reason == reason


def test_sponsors_rank_by_influence_then_top_wins_known_then_name(owner):
    high_none = someone(owner, name="Hal", influence=Influence.HIGH)
    high_two = someone(owner, name="Zed", influence=Influence.HIGH)
    medium_all = someone(owner, name="Ann", influence=Influence.MEDIUM)
    medium_b = someone(owner, name="Bo", influence=Influence.MEDIUM)
    medium_a = someone(owner, name="al", influence=Influence.MEDIUM)
    known = WinsKnown(top=3, by_person={high_two.pk: 2, medium_all.pk: 3})
    found = sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS, known=known, limit=None)
    assert [c.person for c in found] == [high_two, high_none, medium_all, medium_a, medium_b]
    assert [c.score for c in found] == [10, 8, 7, 4, 4]


def test_sponsors_count_the_top_wins_of_the_visibility_period(owner):
    leader = someone(owner, relative_level=3)
    strong = WinFactory(owner=owner, occurred_on=TODAY - dt.timedelta(days=10))
    ImpactMetricFactory(owner=owner, win=strong)
    WinAudienceFactory(owner=owner, win=strong, person=leader, told_on=YESTERDAY)
    # Told tomorrow: not known yet today. Older than the period: not a top win.
    WinAudienceFactory(owner=owner, person=leader, told_on=TODAY + dt.timedelta(days=1))
    old = WinFactory(owner=owner, occurred_on=TODAY - dt.timedelta(days=400))
    WinAudienceFactory(owner=owner, win=old, person=leader, told_on=old.occurred_on)
    [found] = sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS)
    assert found.reason == "medium influence; knows 1 of your 2 top wins; 3 levels up; Finance"


def test_approach_says_what_is_missing(owner):
    someone(owner, relative_level=None)
    someone(owner, relative_level=None, is_active=False)
    result = approach(owner=owner, today=TODAY, limits=DEFAULTS)
    assert (result.mentors, result.skills, result.unplaced) == ([], [], 1)
    assert result.sponsor_levels == (2, 3)


def _network_of_200(owner):
    goal = GoalFactory(owner=owner, title="Run the deal desk")
    for n, skill in enumerate(["Pricing", "Negotiation", "Forecasting"]):
        action = DevelopmentActionFactory(owner=owner, title=f"Action {n}", goal=goal)
        action.skills.set([SkillFactory(owner=owner, name=skill)])
    titles = ["Head of Pricing", "Negotiation coach", "Analyst", "Director, Forecasting"]
    people = [
        PersonFactory(
            owner=owner,
            title=titles[n % 4],
            function=["Finance", "Engineering", "Sales"][n % 3],
            relative_level=n % 6 - 1,
            influence=[Influence.HIGH, Influence.MEDIUM, Influence.LOW][n % 3],
        )
        for n in range(200)
    ]
    for n, person in enumerate(people[:40]):
        PersonRoleFactory(owner=owner, person=person, role=[Role.MENTOR, Role.SPONSOR][n % 2])
    for win_number in range(6):
        win = WinFactory(owner=owner, occurred_on=TODAY - dt.timedelta(days=win_number))
        for person in people[win_number::7]:
            WinAudienceFactory(owner=owner, win=win, person=person, told_on=YESTERDAY)
    return people


def test_the_lists_take_a_fixed_number_of_queries(owner, django_assert_num_queries):
    _network_of_200(owner)
    with django_assert_num_queries(3):
        mentors = mentor_candidates(owner=owner, today=TODAY)
    with django_assert_num_queries(4):
        sponsors = sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS)
    with django_assert_num_queries(5):
        both = approach(owner=owner, today=TODAY, limits=DEFAULTS)
    assert len(mentors) == len(sponsors) == 5
    assert both.mentors == mentors and both.sponsors == sponsors


def test_the_lists_take_as_many_queries_when_nobody_matches(owner, django_assert_num_queries):
    # No skills, no wins, no network: the pages' query count must not depend on the data.
    with django_assert_num_queries(3):
        assert mentor_candidates(owner=owner, today=TODAY) == []
    with django_assert_num_queries(4):
        assert sponsor_candidates(owner=owner, today=TODAY, limits=DEFAULTS) == []
    with django_assert_num_queries(5):
        approach(owner=owner, today=TODAY, limits=DEFAULTS)
