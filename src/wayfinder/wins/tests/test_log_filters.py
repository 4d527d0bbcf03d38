import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.selectors import (
    period_start,
    win_skill_names,
    wins_known_by,
    wins_with_collaborator,
)
from wayfinder.wins.services import win_create
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("quarter", dt.date(2026, 10, 1)),
        ("6m", dt.date(2026, 5, 23)),
        ("year", dt.date(2025, 11, 23)),
        ("", None),
    ],
)
def test_period_start(period, start, today):
    assert period_start(period=period, today=today) == start


def test_quarter_starts_on_the_first_day_of_its_quarter():
    assert period_start(period="quarter", today=dt.date(2026, 3, 31)) == dt.date(2026, 1, 1)
    assert period_start(period="quarter", today=dt.date(2026, 7, 1)) == dt.date(2026, 7, 1)


def test_skill_names_only_those_some_win_shows(owner, outsider):
    shown = SkillFactory(owner=owner, name="Negotiation")
    SkillFactory(owner=owner, name="Unused")
    WinFactory(owner=owner).skills.add(shown)
    theirs = SkillFactory(owner=outsider, name="Theirs")
    WinFactory(owner=outsider).skills.add(theirs)
    assert win_skill_names(owner=owner) == ["Negotiation"]


def test_wins_a_person_knows_about_and_did_with_the_owner(owner, today):
    person = PersonFactory(owner=owner)
    older = WinAudienceFactory(owner=owner, person=person, told_on=today - dt.timedelta(days=9))
    newer = WinAudienceFactory(owner=owner, person=person, told_on=today)
    WinAudienceFactory(owner=owner)
    assert list(wins_known_by(owner=owner, person=person)) == [newer, older]
    together = WinFactory(owner=owner)
    together.collaborators.add(person)
    WinFactory(owner=owner)
    assert list(wins_with_collaborator(owner=owner, person=person)) == [together]


def test_win_create_keeps_private_notes(owner, today):
    win = win_create(owner=owner, title="Shipped", occurred_on=today, private_notes="  mine  ")
    assert win.private_notes == "mine"
