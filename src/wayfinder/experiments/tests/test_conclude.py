import datetime as dt

import pytest

from wayfinder.experiments.models import ExperimentStatus, ExperimentVerdict
from wayfinder.experiments.selectors import experiment_decisions_since
from wayfinder.experiments.services import ExperimentError, experiment_conclude
from wayfinder.experiments.tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_conclude_records_verdict_learnings_and_fit(owner, today):
    experiment = ExperimentFactory(owner=owner)
    experiment_conclude(
        owner=owner,
        experiment=experiment,
        verdict=ExperimentVerdict.ADAPT,
        learnings=" I like coaching, not the admin. ",
        ambition_fit="Closer to 'more coaching' than expected",
        today=today,
    )
    experiment.refresh_from_db()
    assert (experiment.status, experiment.verdict, experiment.decided_on) == (
        ExperimentStatus.CONCLUDED,
        "adapt",
        today,
    )
    assert experiment.learnings == "I like coaching, not the admin."


def test_a_designed_experiment_can_be_abandoned_before_it_runs(owner, today):
    experiment = ExperimentFactory(owner=owner, status=ExperimentStatus.DESIGNED)
    experiment_conclude(
        owner=owner, experiment=experiment, verdict=ExperimentVerdict.ABANDON, today=today
    )
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.CONCLUDED


@pytest.mark.parametrize("verdict", ["", "keep", "maybe"])
def test_conclude_needs_a_verdict(owner, today, verdict):
    experiment = ExperimentFactory(owner=owner)
    with pytest.raises(ExperimentError, match="needs a verdict: one of adopt, adapt, abandon"):
        experiment_conclude(owner=owner, experiment=experiment, verdict=verdict, today=today)
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.RUNNING


def test_conclude_only_once_and_only_your_own(owner, outsider, today):
    experiment = ExperimentFactory(owner=owner)
    experiment_conclude(owner=owner, experiment=experiment, verdict="adopt", today=today - DAY)
    with pytest.raises(ExperimentError, match="was concluded on 22 Nov 2026"):
        experiment_conclude(owner=owner, experiment=experiment, verdict="abandon", today=today)
    experiment.refresh_from_db()
    assert experiment.verdict == "adopt"
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_conclude(
            owner=owner, experiment=ExperimentFactory(owner=outsider), verdict="adopt", today=today
        )


def test_decisions_since_include_the_first_day(owner, outsider, today):
    since = today - 365 * DAY

    def concluded(who, on):
        return ExperimentFactory(
            owner=who, status=ExperimentStatus.CONCLUDED, verdict="adopt", decided_on=on
        )

    on_the_day = concluded(owner, since)
    recent = concluded(owner, today)
    concluded(owner, since - DAY)
    concluded(outsider, today)
    ExperimentFactory(owner=owner)
    assert list(experiment_decisions_since(owner=owner, since=since)) == [recent, on_the_day]
