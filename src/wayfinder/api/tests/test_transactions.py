"""A write through the API is one transaction: the write, the token's last use and the
owner's data version commit together, or none of them does (api/main.py
`one_transaction`); on SQLite that is one fsync instead of two."""

from __future__ import annotations

import pytest
import time_machine
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wayfinder.api.tests.factories import AccessTokenFactory, bearer
from wayfinder.core import versions
from wayfinder.core.tests.factories import TODAY
from wayfinder.core.versions import data_version_of
from wayfinder.wins.models import Win

pytestmark = pytest.mark.django_db

WIN = {"title": "Closed the renewal", "occurred_on": "2026-11-20", "metrics": [{"value": 12}]}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def bumps(monkeypatch):
    """The owners whose data version was moved, one entry a bump."""
    moved: list[int] = []
    bump = versions.data_version_bump

    def watched(*, owner_id: int) -> None:
        moved.append(owner_id)
        bump(owner_id=owner_id)

    monkeypatch.setattr(versions, "data_version_bump", watched)
    return moved


def _post(client, body):
    return client.post(
        "/api/v1/wins", data=body, content_type="application/json", headers=bearer("wf_w")
    )


def test_a_write_moves_the_data_version_once(client, bumps):
    token = AccessTokenFactory(secret="wf_w", scopes=["write:wins"])
    before = data_version_of(owner=token.owner)

    response = _post(client, WIN)

    assert response.status_code == 201, response.content
    assert response.json()["metrics"][0]["value"] == 12
    assert bumps == [token.owner.pk]  # in the write's transaction; the middleware left it be
    assert data_version_of(owner=token.owner) == before + 1


def test_the_write_and_the_data_version_commit_together_or_not_at_all(client, monkeypatch):
    AccessTokenFactory(secret="wf_w", scopes=["write:wins"])

    def failing(*, owner_id: int) -> None:
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(versions, "data_version_bump", failing)
    client.raise_request_exception = False

    response = _post(client, WIN)

    assert response.status_code == 500
    assert not Win.objects.exists()  # not kept with cached pages left showing the old record


def test_a_refused_write_moves_nothing(client, bumps):
    token = AccessTokenFactory(secret="wf_w", scopes=["write:wins"])
    before = data_version_of(owner=token.owner)

    response = _post(client, {**WIN, "title": " "})

    assert response.status_code == 400
    assert bumps == []
    assert data_version_of(owner=token.owner) == before
    assert not Win.objects.exists()


def test_a_win_posted_is_four_statements_and_one_commit(client):
    """The token (with its owner and account), the win, its metric, the data version: the
    answer is built from what was written, not read again."""
    # Used just now (the clock is frozen, see `frozen`): its use is not noted again for a
    # minute, so the POST writes no token row.
    token = AccessTokenFactory(secret="wf_w", scopes=["write:wins"], last_used_at=timezone.now())
    versions.data_version_bump(owner_id=token.owner_id)  # the owner has written before

    with CaptureQueriesContext(connection) as captured:
        response = _post(client, WIN)

    assert response.status_code == 201, response.content
    statements = [
        q["sql"].split()[0]
        for q in captured.captured_queries
        if not q["sql"].startswith(("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT"))
    ]
    assert statements == ["SELECT", "INSERT", "INSERT", "UPDATE"]
    assert response.json()["metrics"][0]["value"] == 12
    assert response.json()["skills"] == [] and response.json()["collaborator_ids"] == []
