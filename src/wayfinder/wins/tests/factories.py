from __future__ import annotations

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.wins.models import ImpactMetric, Win, WinAudience


class WinFactory(OwnedFactory):
    class Meta:
        model = Win

    occurred_on = TODAY
    title = factory.Sequence(lambda n: f"Win {n}")
    action = "Led the work."
    result = "Pipeline up 30 %"


class ImpactMetricFactory(OwnedFactory):
    class Meta:
        model = ImpactMetric

    win = factory.SubFactory(WinFactory, owner=factory.SelfAttribute("..owner"))
    value = 30.0
    unit = "%"


class WinAudienceFactory(OwnedFactory):
    class Meta:
        model = WinAudience

    win = factory.SubFactory(WinFactory, owner=factory.SelfAttribute("..owner"))
    person = factory.SubFactory(
        "wayfinder.network.tests.factories.PersonFactory", owner=factory.SelfAttribute("..owner")
    )
    told_on = TODAY
