"""Settings → API tokens: make one (shown once), see the list, revoke."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from wayfinder.api.models import AccessToken
from wayfinder.api.services import token_hash
from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.core.tests.factories import TODAY, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    owner = ProfileFactory()
    client.force_login(owner.user)
    with time_machine.travel(TODAY, tick=False):
        yield owner


def test_the_page_explains_an_empty_list(client, owner):
    page = client.get(reverse("tokens:tokens")).content.decode()
    assert "No tokens yet" in page
    assert "wayfinder token create" in page
    assert "Reviews and journal entries" in page


def test_a_token_made_on_the_page_is_shown_once(client, owner):
    response = client.post(
        reverse("tokens:tokens"),
        {"name": "phone", "section_wins": "write", "section_search": "read", "private": "on"},
    )
    assert response.status_code == 200
    token = AccessToken.objects.for_owner(owner).get()
    assert token.scopes == ["read:wins", "write:wins", "read:search", "private"]
    page = response.content.decode()
    secret = page.split('readonly value="')[1].split('"')[0]
    assert token_hash(secret) == token.token_hash
    assert secret not in client.get(reverse("tokens:tokens")).content.decode()


def test_a_token_needs_a_name_and_some_access(client, owner):
    response = client.post(reverse("tokens:tokens"), {"name": "phone"})
    assert response.status_code == 400
    assert "at least one section" in response.content.decode()
    response = client.post(reverse("tokens:tokens"), {"section_wins": "read"})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_the_list_shows_last_use_and_a_revoked_token_stays_listed(client, owner):
    token = AccessTokenFactory(owner=owner, name="script")
    response = client.post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = client.get(reverse("tokens:tokens")).content.decode()
    assert "script" in page and "revoked" in page and "never" in page


def test_another_owners_token_is_a_404(client, owner):
    theirs = AccessTokenFactory()
    assert client.post(reverse("tokens:revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_settings_page_links_to_the_tokens(client, owner):
    page = client.get(reverse("guidance:settings")).content.decode()
    assert reverse("tokens:tokens") in page
