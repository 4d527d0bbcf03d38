"""Tokens in the export (format version 5): their name, scopes and dates, never the hash,
so an imported instance starts with no live token."""

from __future__ import annotations

import json

import pytest
import time_machine

from wayfinder.api.models import AccessToken
from wayfinder.api.services import token_create, token_revoke
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.importer import owner_import

pytestmark = pytest.mark.django_db


def test_tokens_round_trip_without_their_hash_and_arrive_unusable(client):
    with time_machine.travel(TODAY, tick=False):
        owner = ProfileFactory(user__username="dana")
        live, secret = token_create(
            owner=owner, name="phone", scopes=["read:wins", "write:wins"], today=TODAY
        )
        old, _ = token_create(owner=owner, name="old", scopes=["private"], today=TODAY)
        token_revoke(owner=owner, token=old, now=old.created_at)
        data = owner_export(owner=owner)
        text = export_text(data)
        assert live.token_hash not in text and secret not in text
        rows = {row["name"]: row for row in data["api_tokens"]}
        assert rows["phone"]["scopes"] == ["read:wins", "write:wins"]
        assert rows["old"]["revoked_at"] is not None
        assert "token_hash" not in rows["phone"]

        owner.user.delete()
        imported = owner_import(data=json.loads(text)).owner
        tokens = list(AccessToken.objects.for_owner(imported).order_by("name"))
        assert [t.name for t in tokens] == ["old", "phone"]
        assert all(t.token_hash is None for t in tokens)
        assert [t.state_on(TODAY) for t in tokens] == ["revoked", "imported"]
        assert export_text(owner_export(owner=imported)) == text
        response = client.get("/api/v1/wins", headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 401
