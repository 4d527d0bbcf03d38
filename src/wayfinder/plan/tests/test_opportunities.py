import datetime as dt

import pytest

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import (
    Opportunity,
    OpportunityKind,
    OpportunitySource,
    OpportunityStatus,
)
from wayfinder.plan.selectors import opportunity_pipeline
from wayfinder.plan.services import (
    PlanError,
    opportunity_create,
    opportunity_move,
    opportunity_update,
)
from wayfinder.plan.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_opportunity_create_records_who_brought_it_and_what_it_serves(owner, today):
    sponsor = PersonFactory(owner=owner)
    goal = GoalFactory(owner=owner)
    experiment = ExperimentFactory(owner=owner)
    opportunity = opportunity_create(
        owner=owner,
        title=" Join the pricing  task force ",
        spotted_on=today,
        kind=OpportunityKind.TASK_FORCE,
        source=OpportunitySource.SPONSOR,
        brought_by=sponsor,
        goal=goal,
        experiment=experiment,
    )
    assert opportunity.title == "Join the pricing task force"
    assert opportunity.status == OpportunityStatus.SPOTTED
    assert (opportunity.brought_by, opportunity.goal, opportunity.experiment) == (
        sponsor,
        goal,
        experiment,
    )


def test_opportunity_create_refuses_bad_input_and_others_rows(owner, outsider, today):
    with pytest.raises(PlanError, match="needs a title"):
        opportunity_create(owner=owner, title="", spotted_on=today)
    with pytest.raises(PlanError, match="unknown source 'luck'"):
        opportunity_create(owner=owner, title="A", spotted_on=today, source="luck")
    with pytest.raises(PlanError, match="unknown opportunity type"):
        opportunity_create(owner=owner, title="A", spotted_on=today, kind="gig")
    with pytest.raises(PlanError, match="person is not one of yours"):
        opportunity_create(
            owner=owner, title="A", spotted_on=today, brought_by=PersonFactory(owner=outsider)
        )
    with pytest.raises(PlanError, match="experiment is not one of yours"):
        opportunity_create(
            owner=owner, title="A", spotted_on=today, experiment=ExperimentFactory(owner=outsider)
        )
    assert not Opportunity.objects.for_owner(owner).exists()


def test_opportunity_update_changes_given_fields(owner, outsider):
    opportunity = OpportunityFactory(owner=owner, goal=GoalFactory(owner=owner))
    opportunity_update(owner=owner, opportunity=opportunity, title="Renamed", goal=None)
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.goal) == ("Renamed", None)
    with pytest.raises(PlanError, match="opportunity is not one of yours"):
        opportunity_update(owner=owner, opportunity=OpportunityFactory(owner=outsider), title="X")
    with pytest.raises(PlanError, match="goal is not one of yours"):
        opportunity_update(owner=owner, opportunity=opportunity, goal=GoalFactory(owner=outsider))
    with pytest.raises(TypeError, match="status"):
        opportunity_update(owner=owner, opportunity=opportunity, status="secured")


def test_opportunity_update_keeps_spotted_before_decided(owner, today):
    opportunity = OpportunityFactory(
        owner=owner, status=OpportunityStatus.SECURED, decided_on=today
    )
    with pytest.raises(PlanError, match="spotted before"):
        opportunity_update(
            owner=owner, opportunity=opportunity, spotted_on=today + dt.timedelta(days=1)
        )


@pytest.mark.parametrize(
    ("status", "decided"),
    [
        (OpportunityStatus.PURSUED, False),
        (OpportunityStatus.SECURED, True),
        (OpportunityStatus.DECLINED, True),
    ],
)
def test_moving_to_a_decision_dates_it(owner, today, status, decided):
    opportunity = OpportunityFactory(owner=owner, spotted_on=today - dt.timedelta(days=20))
    opportunity_move(owner=owner, opportunity=opportunity, status=status, today=today)
    opportunity.refresh_from_db()
    assert opportunity.status == status
    assert opportunity.decided_on == (today if decided else None)


def test_moving_back_from_a_decision_clears_its_date(owner, today):
    opportunity = OpportunityFactory(
        owner=owner, status=OpportunityStatus.DECLINED, decided_on=today
    )
    opportunity_move(
        owner=owner, opportunity=opportunity, status=OpportunityStatus.PURSUED, today=today
    )
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.decided_on) == (OpportunityStatus.PURSUED, None)


def test_move_refuses_bad_status_early_dates_and_others(owner, outsider, today):
    opportunity = OpportunityFactory(owner=owner, spotted_on=today)
    with pytest.raises(PlanError, match="unknown status 'won'"):
        opportunity_move(owner=owner, opportunity=opportunity, status="won", today=today)
    with pytest.raises(PlanError, match="decide on or after"):
        opportunity_move(
            owner=owner,
            opportunity=opportunity,
            status=OpportunityStatus.SECURED,
            today=today - dt.timedelta(days=1),
        )
    with pytest.raises(PlanError, match="not one of yours"):
        opportunity_move(
            owner=owner,
            opportunity=OpportunityFactory(owner=outsider),
            status=OpportunityStatus.SECURED,
            today=today,
        )
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.SPOTTED


def test_pipeline_groups_in_pipeline_order(owner, outsider, today):
    secured = OpportunityFactory(owner=owner, status=OpportunityStatus.SECURED, decided_on=today)
    spotted_old = OpportunityFactory(owner=owner, spotted_on=today - dt.timedelta(days=9))
    spotted_new = OpportunityFactory(owner=owner, spotted_on=today)
    OpportunityFactory(owner=outsider)
    pipeline = opportunity_pipeline(owner=owner)
    assert [stage.status for stage in pipeline] == ["spotted", "pursued", "secured", "declined"]
    assert pipeline[0].label == "Spotted"
    assert pipeline[0].opportunities == [spotted_new, spotted_old]
    assert pipeline[1].opportunities == []
    assert pipeline[2].opportunities == [secured]


@pytest.mark.parametrize("rows", [1, 20])
def test_pipeline_is_one_query_whatever_the_number(owner, rows, django_assert_num_queries):
    person = PersonFactory(owner=owner)
    goal = GoalFactory(owner=owner)
    OpportunityFactory.create_batch(rows, owner=owner, brought_by=person, goal=goal)
    with django_assert_num_queries(1):
        pipeline = opportunity_pipeline(owner=owner)
        names = [(o.brought_by.name, o.goal.title, o.experiment) for o in pipeline[0].opportunities]
    assert len(names) == rows
