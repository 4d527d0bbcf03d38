from __future__ import annotations

import datetime as dt

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory, ProfileFactory
from wayfinder.mentoring.models import MenteeOptIn, MentorOptIn, Program


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Mentoring {n}")
    starts_on = TODAY
    ends_on = TODAY + dt.timedelta(days=180)
    created_by = factory.SubFactory(ProfileFactory)

    @factory.post_generation
    def administered(self, create, extracted, **kwargs):
        if create:
            self.administrators.add(self.created_by)


class MenteeOptInFactory(OwnedFactory):
    class Meta:
        model = MenteeOptIn

    program = factory.SubFactory(ProgramFactory)
    display_name = factory.LazyAttribute(lambda o: str(o.owner))
    username = factory.LazyAttribute(lambda o: o.owner.user.username)
    function = "Sales"
    level = 2
    time_zone = "Europe/London"
    skills_wanted = factory.LazyFunction(lambda: ["negotiation", "pricing"])


class MentorOptInFactory(OwnedFactory):
    class Meta:
        model = MentorOptIn

    program = factory.SubFactory(ProgramFactory)
    display_name = factory.LazyAttribute(lambda o: str(o.owner))
    username = factory.LazyAttribute(lambda o: o.owner.user.username)
    function = "Finance"
    level = 4
    time_zone = "Europe/Paris"
    skills_offered = factory.LazyFunction(lambda: ["negotiation", "pricing"])
    capacity = 2
    levels_mentored = factory.LazyFunction(lambda: [1, 2, 3])
