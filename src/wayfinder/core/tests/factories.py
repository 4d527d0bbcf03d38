from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wayfinder.core.models import Position, Profile, Seniority, Skill

TODAY = dt.date(2026, 11, 23)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"owner{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    # Like an owner made by `wayfinder init`: no usable password until they set one.
    password = factory.LazyFunction(lambda: make_password(None))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name")
    current_title = "Marketing Director"
    level = "L7"
    seniority = Seniority.DIRECTOR
    function = "Marketing"
    organisation = "Northwind"
    time_zone = "Europe/London"
    # Most tests want an owner past the first-run setup; onboarding tests clear this.
    onboarded_at = factory.LazyFunction(timezone.now)


class OwnedFactory(factory.django.DjangoModelFactory):
    """Base for domain factories: every row belongs to a profile."""

    class Meta:
        abstract = True

    owner = factory.SubFactory(ProfileFactory)


class SkillFactory(OwnedFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Skill {n}")


class PositionFactory(OwnedFactory):
    class Meta:
        model = Position

    title = "Marketing Manager"
    organisation = "Northwind"
    started_on = dt.date(2022, 3, 1)
    ended_on = None
