"""Server errors reach the log with their traceback; no sign-in token or search term does."""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager

import pytest
from django.test import Client

from wayfinder.core.logs import redact


@contextmanager
def console_log():
    """What the configured console handler (stderr under `wayfinder serve`) writes."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    written = io.StringIO()
    # Swapped without a flush: an earlier test may have left it on a closed capture stream.
    previous, handler.stream = handler.stream, written
    try:
        yield written
    finally:
        handler.stream = previous


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_traceback(owner, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the search index is gone")

    monkeypatch.setattr("wayfinder.search.views.results.search", broken)
    client = Client(raise_request_exception=False)
    client.force_login(owner.user)

    with console_log() as log:
        response = client.get("/search/", {"q": "salary"})

    assert response.status_code == 500
    text = log.getvalue()
    assert "ERROR django.request: Internal Server Error: /search/" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the search index is gone" in text
    assert "salary" not in text


def test_django_log_lines_never_show_a_sign_in_token():
    with console_log() as log:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/signin/link/Zm9vYmFy-secret/"
        )
        logging.getLogger("wayfinder.serve").warning("kept as written: /signin/link/abc/")

    lines = log.getvalue().splitlines()
    assert lines[0].endswith("django.request: Internal Server Error: /signin/link/…/")
    assert lines[1].endswith("wayfinder.serve: kept as written: /signin/link/abc/")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/signin/link/Zm9vYmFy-secret_1/", "/signin/link/…/"),
        ("/search/?q=divorce+lawyer", "/search/?q=…"),
        (
            "http://127.0.0.1:8000/search/?q=salary&page=2",
            "http://127.0.0.1:8000/search/?q=…&page=…",
        ),
        ("GET /signin/link/abc?next=/plan/ HTTP/1.1", "GET /signin/link/…?next=… HTTP/1.1"),
        ("/plan/actions/3/", "/plan/actions/3/"),
    ],
)
def test_redact_takes_out_tokens_and_query_values(text, expected):
    assert redact(text) == expected
