"""The mentors and sponsor nudges name who the owner could approach, with the one step."""

from __future__ import annotations

import html

import pytest

from wayfinder.core.models import Seniority
from wayfinder.core.tests.factories import TODAY, ProfileFactory, SkillFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance import indicators
from wayfinder.guidance.digest import digest_compose
from wayfinder.guidance.report import report_for
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    owner = ProfileFactory(seniority=Seniority.SENIOR_IC, function="Engineering")
    action = DevelopmentActionFactory(owner=owner, title="Commercial acumen")
    action.skills.set([SkillFactory(owner=owner, name="pricing")])
    return owner


def names(indicator) -> list[str]:
    return [candidate.person.name for candidate in indicator.approach]


@pytest.mark.parametrize(
    ("mentors", "state", "listed"),
    [(0, "missing", True), (1, "attention", True), (2, "healthy", False)],
    ids=["no mentor", "one of two", "enough"],
)
def test_the_mentors_nudge_names_candidates_while_mentors_are_missing(
    owner, mentors, state, listed
):
    PersonFactory(owner=owner, name="Priya Raman", title="Head of Pricing", relative_level=2)
    for _ in range(mentors):
        PersonRoleFactory(owner=owner, person__owner=owner, person__relative_level=1)
    indicator = indicators.mentors(owner, TODAY, DEFAULTS)
    assert indicator.state == state
    assert names(indicator) == (["Priya Raman"] if listed else [])


@pytest.mark.parametrize(
    ("seniority", "sponsor", "listed"),
    [
        (Seniority.SENIOR_IC, False, True),
        (Seniority.SENIOR_IC, True, False),
        (Seniority.MID, False, False),
    ],
    ids=["expected and missing", "has one", "not expected yet"],
)
def test_the_sponsor_nudge_names_candidates_while_a_sponsor_is_missing(
    owner, seniority, sponsor, listed
):
    owner.seniority = seniority
    owner.save()
    PersonFactory(owner=owner, name="Lee Chen", relative_level=3, influence=Influence.HIGH)
    if sponsor:
        PersonRoleFactory(
            owner=owner, role=Role.SPONSOR, person__owner=owner, person__relative_level=2
        )
    indicator = indicators.sponsor(owner, TODAY, DEFAULTS)
    assert names(indicator) == (["Lee Chen"] if listed else [])


def test_at_most_three_are_named(owner):
    for n in range(5):
        PersonFactory(owner=owner, name=f"Pricing lead {n}", title="Head of Pricing")
    assert len(indicators.mentors(owner, TODAY, DEFAULTS).approach) == 3


def test_the_dashboard_today_and_json_show_them(client, owner):
    priya = PersonFactory(owner=owner, name="Priya Raman", title="Head of Pricing")
    client.force_login(owner.user)
    content = html.unescape(client.get("/").content.decode())
    assert "Who you could approach:" in content
    assert (
        "Leads pricing, which your plan's 'Commercial acumen' action needs; 1 level up; Sales."
        in content
    )
    assert "Plan a conversation with Priya Raman" in content
    report = report_for(owner=owner, today=TODAY)
    assert (
        "      · Priya Raman: leads pricing, which your plan's 'Commercial acumen' action needs; "
        "1 level up; Sales\n" in report.as_text()
    )
    [mentors] = [
        p for p in report.as_dict("http://127.0.0.1:8000")["practices"] if p["key"] == "mentors"
    ]
    assert mentors["approach"] == [
        {
            "name": "Priya Raman",
            "reason": "leads pricing, which your plan's 'Commercial acumen' action needs; "
            "1 level up; Sales",
            "url": f"http://127.0.0.1:8000/people/interactions/new/?person={priya.pk}"
            "&kind=informational&plan=1",
        }
    ]


def test_the_digest_names_them_with_the_step(owner):
    priya = PersonFactory(owner=owner, name="Priya <Raman>", title="Head of Pricing")
    digest = digest_compose(
        report=report_for(owner=owner, today=TODAY), base_url="https://wayfinder.example"
    )
    step = (
        "https://wayfinder.example/people/interactions/new/"
        f"?person={priya.pk}&kind=informational&plan=1"
    )
    assert (
        "  Who you could approach:\n"
        "  - Priya <Raman>: leads pricing, which your plan's 'Commercial acumen' action needs; "
        f"1 level up; Sales\n    Plan a conversation: {step}\n"
    ) in digest.text
    assert "<strong>Priya &lt;Raman&gt;</strong>" in digest.html
    assert f'href="{step.replace("&", "&amp;")}"' in digest.html
