import pytest
from django.db import IntegrityError

from wayfinder.core.models import Skill
from wayfinder.core.selectors import owner_for_command
from wayfinder.core.services import OwnerError, owner_create, skills_get_or_create
from wayfinder.core.tests.factories import ProfileFactory, SkillFactory
from wayfinder.plan.models import DevelopmentPlan

pytestmark = pytest.mark.django_db


def test_owner_create_makes_user_and_profile_and_no_plan_yet():
    profile = owner_create(username="maria", display_name="Maria", time_zone="Europe/Madrid")
    assert profile.user.username == "maria"
    assert not profile.user.has_usable_password()
    assert profile.time_zone == "Europe/Madrid"
    # The plan comes with the first thing put on it, not with the account.
    assert not DevelopmentPlan.objects.for_owner(profile).exists()


def test_owner_create_refuses_a_taken_username():
    owner_create(username="maria")
    with pytest.raises(OwnerError, match="already an account named 'maria'"):
        owner_create(username="maria")


def test_owner_create_needs_a_username():
    with pytest.raises(OwnerError, match="username is required"):
        owner_create(username="  ")


def test_owner_for_command_picks_the_only_owner_or_asks():
    with pytest.raises(OwnerError, match="wayfinder init"):
        owner_for_command()
    first = ProfileFactory()
    assert owner_for_command() == first
    ProfileFactory()
    with pytest.raises(OwnerError, match="--owner"):
        owner_for_command()
    assert owner_for_command(username=first.user.username) == first
    with pytest.raises(OwnerError, match="no owner named 'nobody'"):
        owner_for_command(username="nobody")


def test_for_owner_never_returns_another_owners_rows(owner, outsider):
    mine = SkillFactory(owner=owner, name="Negotiation")
    SkillFactory(owner=outsider, name="Negotiation")
    assert list(Skill.objects.for_owner(owner)) == [mine]


def test_skill_names_are_unique_per_owner_ignoring_case(owner, outsider):
    SkillFactory(owner=owner, name="Storytelling")
    SkillFactory(owner=outsider, name="storytelling")
    with pytest.raises(IntegrityError):
        SkillFactory(owner=owner, name="STORYTELLING")


def test_skills_get_or_create_reuses_existing_any_case(owner):
    existing = SkillFactory(owner=owner, name="Public speaking")
    skills = skills_get_or_create(owner=owner, names=["public  speaking", "Pricing", "pricing", ""])
    assert [s.name for s in skills] == ["Public speaking", "Pricing"]
    assert skills[0] == existing
    assert Skill.objects.for_owner(owner).count() == 2
