"""Readiness, self-assessment and comparison pages; a gap to an action in one step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.models import SelfAssessment
from wayfinder.advocacy.services import (
    assessment_record,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.plan.models import DevelopmentAction
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def ladder(owner):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    ladder_choose(
        owner=owner,
        ladder=ladder,
        current_level=ladder.levels.get(code="M5"),
        target_level=ladder.levels.get(code="M6"),
    )
    return ladder


def test_readiness_empty_state_points_to_the_ladders(signed_in):
    content = signed_in.get(reverse("advocacy:readiness")).content.decode()
    assert "The work does not speak for itself." in content
    assert reverse("advocacy:ladders") in content


def test_readiness_shows_expectation_evidence_and_gaps(signed_in, owner, ladder):
    win = WinFactory(owner=owner, title="Pipeline passed 45%")
    ImpactMetricFactory(owner=owner, win=win, value=45.6, unit="%", label="of pipeline")
    win_competencies_set(owner=owner, win=win, competencies=[ladder.competencies.get(key="demand")])
    content = signed_in.get(reverse("advocacy:readiness")).content.decode()
    assert "Sets the growth model with sales and finance" in content
    assert "Pipeline passed 45%" in content and "%</strong> of pipeline" in content
    assert "6 competencies still show a gap." in content


def test_a_gap_becomes_an_action_in_one_step(signed_in, owner, ladder):
    people = ladder.competencies.get(key="leadership")
    response = signed_in.post(reverse("advocacy:gap-action", args=[people.pk]))
    assert response["Location"] == reverse("advocacy:readiness")
    action = DevelopmentAction.objects.for_owner(owner).get()
    assert action.title == "Close the gap in People leadership for M6"
    assert signed_in.get(reverse("advocacy:gap-action", args=[people.pk])).status_code == 405


def test_record_an_assessment_with_evidence(signed_in, owner, ladder, today):
    win = WinFactory(owner=owner)
    competency = ladder.competencies.get(key="influence")
    url = reverse("advocacy:assessment-new")
    assert (
        "Assess a competency" in signed_in.get(url, {"competency": competency.pk}).content.decode()
    )
    data = {
        "competency": competency.pk,
        "assessed_on": today.isoformat(),
        "against_current": "meets",
        "against_target": "partly",
        "evidence": [win.pk],
        "notes": "Product asks me first now.",
    }
    response = signed_in.post(url, data)
    assert response["Location"] == reverse("advocacy:assessments")
    assessment = SelfAssessment.objects.for_owner(owner).get()
    assert list(assessment.evidence.all()) == [win]
    assert "Product asks me first now." in signed_in.get(response["Location"]).content.decode()


def test_an_invalid_assessment_keeps_what_was_typed(signed_in, owner, ladder, outsider):
    foreign = WinFactory(owner=outsider)
    competency = ladder.competencies.first()
    response = signed_in.post(
        reverse("advocacy:assessment-new"),
        {
            "competency": competency.pk,
            "assessed_on": "not a date",
            "against_current": "meets",
            "against_target": "partly",
            "evidence": [foreign.pk],
            "notes": "Typed words kept",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Typed words kept" in content
    assert not SelfAssessment.objects.exists()


def test_compare_two_dates(signed_in, owner, ladder, today):
    competency = ladder.competencies.get(key="influence")
    for days, rating in ((150, "not_yet"), (20, "partly")):
        assessment_record(
            owner=owner,
            competency=competency,
            assessed_on=today - dt.timedelta(days=days),
            against_current="meets",
            against_target=rating,
        )
    content = signed_in.get(reverse("advocacy:assessment-compare")).content.decode()
    assert "target: Not yet" in content and "target: Partly" in content
    earlier = (today - dt.timedelta(days=140)).isoformat()
    content = signed_in.get(
        reverse("advocacy:assessment-compare"), {"then": earlier, "now": earlier}
    ).content.decode()
    assert "target: Partly" not in content


def test_another_owners_competency_is_404_and_nothing_changes(signed_in, outsider):
    ladder = ladder_import(owner=outsider, spec=ladder_sample("marketing"))
    competency = ladder.competencies.first()
    assert signed_in.post(reverse("advocacy:gap-action", args=[competency.pk])).status_code == 404
    response = signed_in.post(
        reverse("advocacy:assessment-new"),
        {
            "competency": competency.pk,
            "assessed_on": "2026-11-01",
            "against_current": "meets",
            "against_target": "meets",
        },
    )
    assert response.status_code == 200
    assert not DevelopmentAction.objects.exists() and not SelfAssessment.objects.exists()


@pytest.mark.parametrize("wins", [1, 8])
def test_query_counts_do_not_grow(
    signed_in, owner, ladder, today, wins, django_assert_max_num_queries
):
    competencies = list(ladder.competencies.all())
    for n in range(wins):
        win = WinFactory(owner=owner)
        ImpactMetricFactory(owner=owner, win=win)
        win_competencies_set(owner=owner, win=win, competencies=competencies[: n % 3 + 1])
        for competency in competencies[:3]:
            assessment_record(
                owner=owner,
                competency=competency,
                assessed_on=today - dt.timedelta(days=n),
                against_current="meets",
                against_target="partly",
                evidence=[win],
            )
    for name in (
        "advocacy:readiness",
        "advocacy:assessments",
        "advocacy:assessment-compare",
        "advocacy:assessment-new",
    ):
        # 15: readiness reads the target level's criteria, then their ratings.
        with django_assert_max_num_queries(15):
            assert signed_in.get(reverse(name)).status_code == 200
