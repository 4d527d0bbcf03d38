"""Skills are found again by name in any case, whatever the letters (issue 8, §3.4)."""

from __future__ import annotations

import pytest

from wayfinder.core.models import Skill
from wayfinder.core.services import skills_get_or_create
from wayfinder.core.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_a_skill_outside_ascii_is_found_again_in_another_case(owner):
    # SQLite's LOWER() folds only ASCII: "Öko MARKETING" and "Öko Marketing" are one skill
    # to the unique index, so the lookup must compare the way the index does.
    known = SkillFactory(owner=owner, name="Öko Marketing")

    found = skills_get_or_create(owner=owner, names=["Öko MARKETING", "  öko marketing  "])

    assert known in found
    assert Skill.objects.for_owner(owner).filter(name__icontains="marketing").count() == len(
        set(found)
    )


def test_new_skills_keep_the_first_spelling_and_the_order_given(owner):
    SkillFactory(owner=owner, name="Facilitation")

    found = skills_get_or_create(owner=owner, names=["Negotiation", "facilitation", "NEGOTIATION"])

    assert [skill.name for skill in found] == ["Negotiation", "Facilitation"]
    assert Skill.objects.for_owner(owner).count() == 2


def test_another_owners_skill_of_the_same_name_is_not_theirs(owner, outsider):
    theirs = SkillFactory(owner=outsider, name="Negotiation")

    [mine] = skills_get_or_create(owner=owner, names=["negotiation"])

    assert mine != theirs
    assert mine.owner == owner
