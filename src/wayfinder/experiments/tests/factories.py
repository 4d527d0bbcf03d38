from __future__ import annotations

import datetime as dt

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.experiments.models import CheckIn, Experiment, ExperimentStatus


class ExperimentFactory(OwnedFactory):
    class Meta:
        model = Experiment

    title = factory.Sequence(lambda n: f"Experiment {n}")
    hypothesis = "I'd find people leadership more energising than IC work."
    starts_on = TODAY - dt.timedelta(days=30)
    ends_on = TODAY + dt.timedelta(days=60)
    status = ExperimentStatus.RUNNING


class CheckInFactory(OwnedFactory):
    class Meta:
        model = CheckIn

    experiment = factory.SubFactory(ExperimentFactory, owner=factory.SelfAttribute("..owner"))
    held_on = TODAY
    notes = "Going well."
