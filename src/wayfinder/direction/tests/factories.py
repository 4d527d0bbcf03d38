from __future__ import annotations

import datetime as dt

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal, Horizon, Verdict


class AmbitionStatementFactory(OwnedFactory):
    class Meta:
        model = AmbitionStatement

    version = factory.Sequence(lambda n: n + 1)
    written_on = TODAY
    problems = "How growth teams learn faster from customers"
    impact = "A marketing function that is trusted with the company's numbers"
    more_of = "Coaching people, shaping strategy"
    less_of = "Status reporting"
    summary = "Lead marketing as a growth engine."


class CareerPathFactory(OwnedFactory):
    class Meta:
        model = CareerPath

    title = factory.Sequence(lambda n: f"Path {n}")
    verdict = Verdict.OPEN


class GoalFactory(OwnedFactory):
    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Goal {n}")
    horizon = Horizon.SHORT
    success_measure = "Measured by something concrete"
    target_date = TODAY + dt.timedelta(days=120)
