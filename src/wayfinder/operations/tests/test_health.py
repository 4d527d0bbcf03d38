"""/healthz (the process answers) and /readyz (database reachable, migrations applied)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.test import Client

from wayfinder.operations import selectors


@pytest.fixture(autouse=True)
def _unknown_state(monkeypatch):
    monkeypatch.setattr(selectors, "_migrated", False)


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_every_migration_is_applied(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        first = Client().get("/readyz")
    # Once migrated, a probe only asks the database to answer.
    with django_assert_max_num_queries(1):
        second = Client().get("/readyz")

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == {"status": "ready"}


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_missing():
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="operations").delete()

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "problem": "1 migration(s) not applied: run `wayfinder init` (migrate)",
    }


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_database_does_not_answer(monkeypatch):
    def refused(self, *args, **kwargs):
        raise DatabaseError("connection refused\nmore detail")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refused)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["problem"] == "the database does not answer (connection refused)"


@pytest.mark.django_db
def test_probes_answer_get_and_head_only():
    client = Client()
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


@pytest.mark.django_db
def test_probes_are_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/readyz").status_code == 200
    assert Client().get("/signin/").status_code == 301


@pytest.mark.django_db
def test_probes_answer_a_load_balancer_asking_by_address(settings):
    """ALLOWED_HOSTS lists the public name; the proxy asks by the server's address."""
    settings.ALLOWED_HOSTS = ["wayfinder.example.com"]
    by_address = Client(HTTP_HOST="10.0.0.5:8000")

    assert by_address.get("/healthz").status_code == 200
    assert by_address.get("/readyz").json() == {"status": "ready"}
    assert by_address.get("/signin/").status_code == 400
