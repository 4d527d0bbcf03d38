"""A signed-in account without a career profile (the instance administrator) gets a clear page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wayfinder.core.navigation import ACCOUNT_NAVIGATION, MAIN_NAVIGATION
from wayfinder.core.tests.factories import UserFactory

APP_PAGES = [reverse(name) for _, name, _ in MAIN_NAVIGATION + ACCOUNT_NAVIGATION] + [
    "/search/?q=anything",
    "/wins/new/",
    "/welcome/",
]


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("url", APP_PAGES)
def test_every_app_page_tells_the_administrator_there_is_no_career_record(
    client, administrator, url
):
    client.force_login(administrator)
    response = client.get(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "administers the instance; it has no career record" in page
    assert reverse("admin:index") in page


def test_a_post_without_a_profile_writes_nothing(client, administrator):
    from wayfinder.wins.models import Win

    client.force_login(administrator)
    response = client.post("/wins/new/", {"title": "Not mine", "occurred_on": "2026-11-20"})
    assert response.status_code == 403
    assert not Win.objects.exists()


def test_the_admin_and_the_account_pages_still_work_without_a_profile(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("accounts:password")).status_code == 200
    assert client.post(reverse("accounts:signout")).status_code == 302


@pytest.mark.django_db
def test_a_plain_account_without_a_profile_is_told_too(client):
    client.force_login(UserFactory(username="nobody"))
    response = client.get("/")
    assert response.status_code == 403
    assert "has no career record" in response.content.decode()


def test_an_owner_is_not_affected(client, owner):
    client.force_login(owner.user)
    assert client.get("/").status_code == 200
