"""The wins part of a person's page comes from wins, through network's section hook."""

import pytest

from wayfinder.network import person_page
from wayfinder.network.person_page import PersonSection, person_section_register
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_the_person_page_shows_the_wins_they_know_and_did_with_you(signed_in, owner, outsider):
    person = PersonFactory(owner=owner, name="Mia")
    told = WinFactory(owner=owner, title="Launched the partner programme")
    WinAudienceFactory(owner=owner, win=told, person=person)
    together = WinFactory(owner=owner, title="Closed the Q3 audit")
    together.collaborators.add(person)
    WinFactory(owner=outsider, title="Someone else's win")

    content = signed_in.get(person.get_absolute_url()).content.decode()

    assert "Wins Mia knows about" in content
    assert "Launched the partner programme" in content
    assert "Wins you did together" in content and "Closed the Q3 audit" in content
    assert "Someone else's win" not in content


def test_without_the_wins_section_the_person_page_still_opens(signed_in, owner, monkeypatch):
    monkeypatch.setattr(person_page, "_SECTIONS", [])
    person = PersonFactory(owner=owner, name="Mia")

    response = signed_in.get(person.get_absolute_url())

    assert response.status_code == 200
    assert "Wins Mia knows about" not in response.content.decode()


def test_a_section_is_registered_once(monkeypatch):
    monkeypatch.setattr(person_page, "_SECTIONS", [])
    section = PersonSection(template="wins/_person_wins.html", read=lambda **_: {})
    person_section_register(section)
    person_section_register(section)
    assert len(person_page._SECTIONS) == 1
