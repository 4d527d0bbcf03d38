"""`wayfinder serve`'s access log holds no sign-in token and no search term."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.urls import reverse
from gunicorn.config import Config

from wayfinder.cli.commands.serve import AccessLog


def access_line(capsys, *, uri: str, referer: str = "-") -> str:
    config = Config()
    config.set("accesslog", "-")
    log = AccessLog(config)
    path, _, query = uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Firefox",
    }
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "Firefox")])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    capsys.readouterr()
    log.access(response, request, environ, dt.timedelta(milliseconds=3))
    return capsys.readouterr().out


def test_redacts_the_sign_in_token_from_the_access_log(capsys):
    token = "Vh3v2Jx9-one-time-secret"
    line = access_line(capsys, uri=reverse("accounts:signin-link", args=[token]))

    assert token not in line
    assert '"GET /signin/link/…/ HTTP/1.1" 200 512' in line


def test_redacts_search_terms_from_the_access_log_even_in_the_referer(capsys):
    line = access_line(
        capsys,
        uri="/search/?q=secret+interview",
        referer="http://127.0.0.1:8000/search/?q=secret",
    )

    assert "secret" not in line
    assert '"GET /search/?q=… HTTP/1.1" 200 512 "http://127.0.0.1:8000/search/?q=…"' in line


def test_redacts_the_sign_in_token_from_the_error_log(capsys):
    config = Config()
    config.set("errorlog", "-")
    log = AccessLog(config)

    log.exception("Error handling request %s", "/signin/link/Vh3v2Jx9-secret/?next=/plan/")

    assert "Error handling request /signin/link/…/?next=…" in capsys.readouterr().err
