from __future__ import annotations

import datetime as dt

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.plan.models import (
    DevelopmentAction,
    DevelopmentPlan,
    Opportunity,
    PlanRevision,
)


class DevelopmentPlanFactory(OwnedFactory):
    class Meta:
        model = DevelopmentPlan
        django_get_or_create = ("owner",)


class DevelopmentActionFactory(OwnedFactory):
    class Meta:
        model = DevelopmentAction

    plan = factory.SubFactory(DevelopmentPlanFactory, owner=factory.SelfAttribute("..owner"))
    title = factory.Sequence(lambda n: f"Action {n}")
    due_on = TODAY + dt.timedelta(days=30)


class PlanRevisionFactory(OwnedFactory):
    class Meta:
        model = PlanRevision

    plan = factory.SubFactory(DevelopmentPlanFactory, owner=factory.SelfAttribute("..owner"))
    number = factory.Sequence(lambda n: n + 1)
    revised_on = TODAY
    snapshot = factory.LazyFunction(lambda: {"actions": []})


class OpportunityFactory(OwnedFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    spotted_on = TODAY
