"""No input posted into any form of any page gives a server error (issue 8 §5).

Runs on whichever database the suite runs on: CI runs it on SQLite and on PostgreSQL.
Set WAYFINDER_FUZZ_REQUESTS for a longer run and WAYFINDER_FUZZ_REPORT_DIR to keep the
figures (scripts/faults.py reads them).
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.urls import reverse

from tests.form_fuzz import discover, fuzz_forms, report_path_from_environment
from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.persona import demo_create
from wayfinder.wins.tests.factories import WinFactory

REQUESTS = int(os.environ.get("WAYFINDER_FUZZ_REQUESTS", "1000"))


@pytest.fixture
def demo_client(db):
    owner = demo_create(today=TODAY)
    client = Client(raise_request_exception=False)
    return client, lambda: client.force_login(owner.user)


@pytest.mark.slow
def test_the_fuzz_finds_the_forms_of_the_pages(demo_client):
    client, sign_in = demo_client
    sign_in()
    forms, pages = discover(client)
    routes = {form.key[0] for form in forms}
    # A page with arguments is reached only through links: a win, a person, a ladder.
    for route in ("wins:win-new", "wins:metric-add", "network:person-log", "plan:action-complete"):
        assert route in routes
    assert "advocacy:ladder-upload" in routes  # a form with a file
    assert pages > 40
    assert len(forms) > 50


@pytest.mark.slow
def test_no_form_answers_a_server_error_whatever_is_posted(demo_client):
    client, sign_in = demo_client
    report = fuzz_forms(
        client, sign_in=sign_in, requests=REQUESTS, report_path=report_path_from_environment()
    )
    assert report.requests == REQUESTS
    assert report.server_errors == [], (
        f"{len(report.server_errors)} of {report.requests} requests answered 500:\n"
        + "\n".join(report.server_errors[:10])
    )


# What the fuzz found, pinned: each was a 500.
TOO_BIG_FOR_ANY_INTEGER_COLUMN = "9" * 30


@pytest.mark.parametrize(
    ("route", "field", "extra"),
    [
        ("advocacy:assessment-new", "evidence", {"assessed_on": "2026-11-20"}),
        ("wins:collaborators", "people", {}),
        ("network:interaction-new", "people", {"occurred_on": "2026-11-20", "kind": "coffee"}),
    ],
)
def test_a_choice_id_beyond_64_bits_is_an_invalid_choice_not_a_server_error(
    client, owner, route, field, extra
):
    client.raise_request_exception = False
    client.force_login(owner.user)
    win = WinFactory(owner=owner)
    url = reverse(route, args=[win.pk]) if route == "wins:collaborators" else reverse(route)
    response = client.post(url, {field: [TOO_BIG_FOR_ANY_INTEGER_COLUMN, "1"], **extra})
    assert response.status_code < 500
    assert win.collaborators.count() == 0
