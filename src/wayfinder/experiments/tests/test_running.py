import datetime as dt

import pytest

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.experiments.models import ExperimentStatus
from wayfinder.experiments.selectors import (
    experiment_check_ins_due,
    experiment_decisions_since,
    experiment_list,
    experiments_awaiting_verdict,
    experiments_ending_soon,
    experiments_running,
)
from wayfinder.experiments.services import ExperimentError
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_running_means_started_and_not_concluded(owner, outsider, today):
    ends_later = ExperimentFactory(owner=owner, ends_on=today + 30 * DAY)
    past_its_box = ExperimentFactory(owner=owner, ends_on=today - DAY)
    starts_today = ExperimentFactory(owner=owner, starts_on=today, ends_on=today + 5 * DAY)
    ExperimentFactory(owner=owner, starts_on=today + DAY, ends_on=today + 9 * DAY)
    ExperimentFactory(owner=owner, status=ExperimentStatus.DESIGNED)
    ExperimentFactory(owner=outsider)
    assert list(experiments_running(owner=owner, today=today)) == [
        past_its_box,
        starts_today,
        ends_later,
    ]


def test_ending_soon_includes_today_and_the_last_day_of_the_window(owner, today):
    ends_today = ExperimentFactory(owner=owner, ends_on=today)
    last_day = ExperimentFactory(owner=owner, ends_on=today + 14 * DAY)
    ExperimentFactory(owner=owner, ends_on=today + 15 * DAY)
    ExperimentFactory(owner=owner, ends_on=today - DAY)
    ExperimentFactory(owner=owner, ends_on=today, status=ExperimentStatus.DESIGNED)
    assert list(experiments_ending_soon(owner=owner, today=today)) == [ends_today, last_day]
    assert list(experiments_ending_soon(owner=owner, today=today, days=0)) == [ends_today]
    with pytest.raises(ExperimentError, match="zero or more"):
        experiments_ending_soon(owner=owner, today=today, days=-1)


def test_awaiting_verdict_once_the_time_box_is_over(owner, today):
    over = ExperimentFactory(owner=owner, ends_on=today - DAY)
    ExperimentFactory(owner=owner, ends_on=today)
    assert list(experiments_awaiting_verdict(owner=owner, today=today)) == [over]


def test_list_carries_a_check_in_summary_and_filters_by_status(owner, outsider, today):
    experiment = ExperimentFactory(owner=owner)
    CheckInFactory(owner=owner, experiment=experiment, held_on=today - 7 * DAY)
    CheckInFactory(owner=owner, experiment=experiment, held_on=today)
    designed = ExperimentFactory(owner=owner, status=ExperimentStatus.DESIGNED)
    ExperimentFactory(owner=outsider)
    listed = {e.pk: e for e in experiment_list(owner=owner)}
    assert set(listed) == {experiment.pk, designed.pk}
    assert (listed[experiment.pk].check_in_count, listed[experiment.pk].last_check_in) == (2, today)
    assert (listed[designed.pk].check_in_count, listed[designed.pk].last_check_in) == (0, None)
    assert list(experiment_list(owner=owner, status=ExperimentStatus.DESIGNED)) == [designed]
    with pytest.raises(ExperimentError, match="unknown experiment status"):
        experiment_list(owner=owner, status="paused")


@pytest.mark.parametrize("rows", [1, 20])
def test_every_list_is_one_query_whatever_the_number(owner, today, rows, django_assert_num_queries):
    goal = GoalFactory(owner=owner)
    for n in range(rows):
        running = ExperimentFactory(
            owner=owner, goal=goal, starts_on=today - 40 * DAY, ends_on=today + n * DAY
        )
        CheckInFactory.create_batch(2, owner=owner, experiment=running, held_on=today - 20 * DAY)
        ExperimentFactory(
            owner=owner, status=ExperimentStatus.CONCLUDED, verdict="adopt", decided_on=today
        )
    for selector in (
        lambda: experiment_list(owner=owner, status=ExperimentStatus.RUNNING),
        lambda: experiments_running(owner=owner, today=today),
        lambda: experiment_check_ins_due(owner=owner, today=today),
        lambda: experiments_ending_soon(owner=owner, today=today, days=30),
        lambda: experiments_awaiting_verdict(owner=owner, today=today + 40 * DAY),
        lambda: experiment_decisions_since(owner=owner, since=today),
    ):
        with django_assert_num_queries(1):
            shown = [(e.title, e.goal and e.goal.title, e.check_in_count) for e in selector()]
        assert len(shown) == rows
