"""No input posted into any form of any page gives a server error (issue 8 §5).

Runs on whichever database the suite runs on: CI runs it on SQLite and on PostgreSQL.
Set WAYFINDER_FUZZ_REQUESTS for a longer run and WAYFINDER_FUZZ_REPORT_DIR to keep the
figures (scripts/faults.py reads them).
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

from tests.form_fuzz import discover, fuzz_forms, report_path_from_environment
from wayfinder.core.tests.factories import TODAY
from wayfinder.portability.demo_persona import demo_create

REQUESTS = int(os.environ.get("WAYFINDER_FUZZ_REQUESTS", "1500"))


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
