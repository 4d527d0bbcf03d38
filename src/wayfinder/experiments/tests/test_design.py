import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from wayfinder.direction.tests.factories import CareerPathFactory, GoalFactory
from wayfinder.experiments.models import Experiment, ExperimentStatus, ExperimentVerdict
from wayfinder.experiments.services import ExperimentError, experiment_design, experiment_update
from wayfinder.experiments.tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_design_records_hypothesis_time_box_and_links(owner, today):
    goal = GoalFactory(owner=owner)
    path = CareerPathFactory(owner=owner)
    experiment = experiment_design(
        owner=owner,
        title=" Lead the  onboarding squad ",
        hypothesis=" People leadership energises me more than IC work. ",
        starts_on=today,
        ends_on=today + 90 * DAY,
        signals="Energy after 1:1s; whether I miss hands-on work",
        goal=goal,
        path=path,
    )
    assert experiment.title == "Lead the onboarding squad"
    assert experiment.hypothesis == "People leadership energises me more than IC work."
    assert experiment.status == ExperimentStatus.DESIGNED
    assert (experiment.goal, experiment.path) == (goal, path)


def test_a_one_day_time_box_is_fine(owner, today):
    experiment = experiment_design(
        owner=owner, title="Shadow a CRO", hypothesis="H", starts_on=today, ends_on=today
    )
    assert experiment.ends_on == experiment.starts_on


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hypothesis": "  "}, "needs a hypothesis"),
        ({"title": ""}, "needs a title"),
        ({"ends_on": dt.date(2026, 11, 22)}, r"ends .* before it starts"),
    ],
)
def test_design_refuses_bad_input_and_writes_nothing(owner, today, fields, message):
    given = {"title": "T", "hypothesis": "H", "starts_on": today, "ends_on": today, **fields}
    with pytest.raises(ExperimentError, match=message):
        experiment_design(owner=owner, **given)
    assert not Experiment.objects.for_owner(owner).exists()


def test_design_refuses_another_owners_goal_or_path(owner, outsider, today):
    with pytest.raises(ExperimentError, match="goal is not one of yours"):
        experiment_design(
            owner=owner,
            title="T",
            hypothesis="H",
            starts_on=today,
            ends_on=today,
            goal=GoalFactory(owner=outsider),
        )
    with pytest.raises(ExperimentError, match="path is not one of yours"):
        experiment_design(
            owner=owner,
            title="T",
            hypothesis="H",
            starts_on=today,
            ends_on=today,
            path=CareerPathFactory(owner=outsider),
        )


def test_the_database_refuses_a_time_box_ending_before_it_starts(owner, today):
    experiment = ExperimentFactory(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Experiment.objects.filter(pk=experiment.pk).update(ends_on=experiment.starts_on - DAY)


def test_the_database_refuses_a_conclusion_without_verdict(owner):
    experiment = ExperimentFactory(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Experiment.objects.filter(pk=experiment.pk).update(
            status=ExperimentStatus.CONCLUDED, verdict=ExperimentVerdict.NONE
        )


def test_update_refines_the_design(owner, today):
    experiment = ExperimentFactory(owner=owner, signals="old")
    experiment_update(
        owner=owner, experiment=experiment, ends_on=today + 120 * DAY, signals=" new ", goal=None
    )
    experiment.refresh_from_db()
    assert (experiment.ends_on, experiment.signals) == (today + 120 * DAY, "new")


def test_update_checks_the_time_box_against_the_stored_dates(owner):
    experiment = ExperimentFactory(owner=owner)
    with pytest.raises(ExperimentError, match="before it starts"):
        experiment_update(owner=owner, experiment=experiment, ends_on=experiment.starts_on - DAY)
    with pytest.raises(ExperimentError, match="before it starts"):
        experiment_update(owner=owner, experiment=experiment, starts_on=experiment.ends_on + DAY)


def test_update_refuses_concluded_others_and_unknown_fields(owner, outsider, today):
    concluded = ExperimentFactory(
        owner=owner,
        status=ExperimentStatus.CONCLUDED,
        verdict=ExperimentVerdict.ADOPT,
        decided_on=today,
    )
    with pytest.raises(ExperimentError, match="was concluded"):
        experiment_update(owner=owner, experiment=concluded, signals="more")
    with pytest.raises(ExperimentError, match="experiment is not one of yours"):
        experiment_update(owner=owner, experiment=ExperimentFactory(owner=outsider), title="X")
    with pytest.raises(TypeError, match="verdict"):
        experiment_update(owner=owner, experiment=concluded, verdict="adapt")
