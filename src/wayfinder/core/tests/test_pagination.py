"""Long lists come a page at a time, with the filters kept in the page links."""

import pytest
from django.urls import reverse

from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_wins_are_paged(signed_in, owner):
    WinFactory.create_batch(55, owner=owner)
    first = signed_in.get(reverse("wins:wins")).content.decode()
    assert "1–50 of 55" in first
    assert "?page=2" in first
    last = signed_in.get(reverse("wins:wins"), {"page": 2}).content.decode()
    assert "51–55 of 55" in last
    beyond = signed_in.get(reverse("wins:wins"), {"page": 99}).content.decode()
    assert "51–55 of 55" in beyond


def test_interactions_are_paged_and_keep_the_filter(signed_in, owner):
    person = PersonFactory(owner=owner)
    InteractionFactory.create_batch(51, owner=owner, kind="coffee", people=[person])
    content = signed_in.get(reverse("network:interactions"), {"kind": "coffee"}).content.decode()
    assert "1–50 of 51" in content
    assert "?kind=coffee&amp;page=2" in content


def test_people_list_is_paged(signed_in, owner):
    PersonFactory.create_batch(101, owner=owner)
    content = signed_in.get(reverse("network:people-list")).content.decode()
    assert "1–100 of 101" in content
