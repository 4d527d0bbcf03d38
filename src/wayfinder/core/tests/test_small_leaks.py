"""Signed-in pages are never cached; a POST refused for CSRF moves no data version on."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from wayfinder.core.versions import data_version_of
from wayfinder.wins.models import Win

pytestmark = pytest.mark.django_db

WIN = {"title": "Shipped the pricing page", "occurred_on": "2026-11-20"}


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=pricing", "/reflection/private/", "/profile/", "/data/resume.json"],
)
def test_every_signed_in_page_says_no_store(client, owner, url):
    client.force_login(owner.user)

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_signed_out_page_is_left_to_the_defaults(client):
    assert "Cache-Control" not in client.get(reverse("accounts:signin"))


def test_a_post_refused_for_csrf_moves_nothing(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner.user)
    client.get(reverse("wins:win-new"))
    before = data_version_of(owner=owner)

    refused = client.post(reverse("wins:win-new"), WIN)
    assert refused.status_code == 403
    assert data_version_of(owner=owner) == before
    assert not Win.objects.for_owner(owner).exists()

    token = client.cookies["csrftoken"].value
    accepted = client.post(reverse("wins:win-new"), {**WIN, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert data_version_of(owner=owner) == before + 1
