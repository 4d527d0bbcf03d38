import datetime as dt

import pytest

from wayfinder.experiments.models import CheckIn, ExperimentStatus, ExperimentVerdict
from wayfinder.experiments.selectors import experiment_check_ins, experiment_check_ins_due
from wayfinder.experiments.services import (
    ExperimentError,
    experiment_check_in,
    experiment_start,
)
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_start_runs_it_from_today_and_keeps_the_end(owner, today):
    experiment = ExperimentFactory(
        owner=owner,
        status=ExperimentStatus.DESIGNED,
        starts_on=today + 7 * DAY,
        ends_on=today + 60 * DAY,
    )
    experiment_start(owner=owner, experiment=experiment, today=today)
    experiment.refresh_from_db()
    assert (experiment.status, experiment.starts_on, experiment.ends_on) == (
        ExperimentStatus.RUNNING,
        today,
        today + 60 * DAY,
    )


def test_start_on_the_last_day_is_fine_after_it_is_refused(owner, today):
    experiment = ExperimentFactory(
        owner=owner, status=ExperimentStatus.DESIGNED, starts_on=today - 9 * DAY, ends_on=today
    )
    with pytest.raises(ExperimentError, match="time box ended"):
        experiment_start(owner=owner, experiment=experiment, today=today + DAY)
    experiment_start(owner=owner, experiment=experiment, today=today)
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.RUNNING


def test_start_refuses_running_and_others(owner, outsider, today):
    with pytest.raises(ExperimentError, match="is running, not waiting to start"):
        experiment_start(owner=owner, experiment=ExperimentFactory(owner=owner), today=today)
    theirs = ExperimentFactory(owner=outsider, status=ExperimentStatus.DESIGNED)
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_start(owner=owner, experiment=theirs, today=today)
    theirs.refresh_from_db()
    assert theirs.status == ExperimentStatus.DESIGNED


def test_check_in_records_notes_signals_and_energy(owner, today):
    experiment = ExperimentFactory(owner=owner)
    check_in = experiment_check_in(
        owner=owner,
        experiment=experiment,
        held_on=today,
        notes=" First team offsite ",
        signals_observed="Enjoyed the 1:1s",
        energy=4,
    )
    assert (check_in.notes, check_in.energy, check_in.owner) == ("First team offsite", 4, owner)


@pytest.mark.parametrize("energy", [1, 5])
def test_energy_bounds_are_accepted(owner, today, energy):
    experiment = ExperimentFactory(owner=owner)
    check_in = experiment_check_in(owner=owner, experiment=experiment, held_on=today, energy=energy)
    assert check_in.energy == energy


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"energy": 0, "notes": "n"}, "1 \\(drained\\) to 5"),
        ({"energy": 6, "notes": "n"}, "1 \\(drained\\) to 5"),
        ({"notes": "  "}, "needs notes"),
        ({"notes": "n", "held_on": dt.date(2026, 10, 1)}, "started on 24 Oct 2026"),
    ],
)
def test_check_in_refuses_bad_input(owner, today, fields, message):
    experiment = ExperimentFactory(owner=owner, starts_on=today - 30 * DAY)
    with pytest.raises(ExperimentError, match=message):
        experiment_check_in(owner=owner, experiment=experiment, **{"held_on": today, **fields})
    assert not CheckIn.objects.for_owner(owner).exists()


def test_no_check_in_before_start_or_after_conclusion(owner, outsider, today):
    designed = ExperimentFactory(owner=owner, status=ExperimentStatus.DESIGNED)
    with pytest.raises(ExperimentError, match=r"start .* before checking in"):
        experiment_check_in(owner=owner, experiment=designed, held_on=today, notes="n")
    concluded = ExperimentFactory(
        owner=owner,
        status=ExperimentStatus.CONCLUDED,
        verdict=ExperimentVerdict.ABANDON,
        decided_on=today,
    )
    with pytest.raises(ExperimentError, match="was concluded"):
        experiment_check_in(owner=owner, experiment=concluded, held_on=today, notes="n")
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_check_in(
            owner=owner, experiment=ExperimentFactory(owner=outsider), held_on=today, notes="n"
        )
    assert not CheckIn.objects.exists()


def test_check_ins_of_an_experiment_in_order(owner, outsider, today):
    experiment = ExperimentFactory(owner=owner)
    later = CheckInFactory(owner=owner, experiment=experiment, held_on=today)
    earlier = CheckInFactory(owner=owner, experiment=experiment, held_on=today - 14 * DAY)
    CheckInFactory(owner=owner, held_on=today)
    assert list(experiment_check_ins(owner=owner, experiment=experiment)) == [earlier, later]
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_check_ins(owner=outsider, experiment=experiment)


def test_check_in_due_fourteen_days_after_the_last_one_not_thirteen(owner, today):
    due = ExperimentFactory(owner=owner, starts_on=today - 60 * DAY)
    CheckInFactory(owner=owner, experiment=due, held_on=today - 30 * DAY)
    CheckInFactory(owner=owner, experiment=due, held_on=today - 14 * DAY)
    not_yet = ExperimentFactory(owner=owner, starts_on=today - 60 * DAY)
    CheckInFactory(owner=owner, experiment=not_yet, held_on=today - 13 * DAY)
    found = list(experiment_check_ins_due(owner=owner, today=today))
    assert found == [due]
    assert found[0].last_check_in == today - 14 * DAY
    assert list(experiment_check_ins_due(owner=owner, today=today, every_days=7)) == [
        due,
        not_yet,
    ]


def test_check_in_due_counts_from_the_start_when_none_yet(owner, outsider, today):
    started_long_ago = ExperimentFactory(owner=owner, starts_on=today - 14 * DAY)
    ExperimentFactory(owner=owner, starts_on=today - 13 * DAY)
    ExperimentFactory(owner=owner, starts_on=today - 40 * DAY, status=ExperimentStatus.DESIGNED)
    ExperimentFactory(owner=outsider, starts_on=today - 40 * DAY)
    assert list(experiment_check_ins_due(owner=owner, today=today)) == [started_long_ago]
    with pytest.raises(ExperimentError, match="one or more days"):
        experiment_check_ins_due(owner=owner, today=today, every_days=0)
