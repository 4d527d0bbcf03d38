"""Two `wayfinder serve` processes against one PostgreSQL database are one instance: a
session made on one is good on the other, a win written on one is read on the other, and
an API token's throttle counted on one is seen by the other (the shared cache)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from wayfinder.api.services import token_create
from wayfinder.cli.tests.test_serve import wait_for
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.wins.models import Win

PORTS = (8681, 8682)
PASSWORD = "correct horse battery staple"


def start_server(port: int, database: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "WAYFINDER_CACHE_URL"}
    env |= {
        "DATABASE_URL": database,
        "WAYFINDER_SECRET_KEY": "two-servers-test-secret",
        "WAYFINDER_API_RATE_LIMIT": "3",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "wayfinder", "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()


class Browser:
    """A cookie jar shared by requests to either server (one host, like behind a proxy)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def hidden_fields(page: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def api_status(url: str, secret: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_two_servers_serve_one_instance(require_service):
    require_service(
        "postgres",
        connection.vendor == "postgresql",
        "two app servers share a PostgreSQL database (on SQLite one server is the instance)",
    )
    owner = ProfileFactory(user__username="dana")
    owner.user.set_password(PASSWORD)
    owner.user.save()
    _, secret = token_create(owner=owner, name="two servers", scopes=["read:wins"], today=TODAY)
    settings_dict = connection.settings_dict
    database = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    one, two = (f"http://127.0.0.1:{port}" for port in PORTS)
    servers = [start_server(port, database) for port in PORTS]
    try:
        for base, server in zip((one, two), servers, strict=True):
            assert wait_for(f"{base}/readyz", server) == 200

        browser = Browser()
        _, page = browser.get(f"{one}/signin/")
        status, _ = browser.post(
            f"{one}/signin/",
            hidden_fields(page) | {"username": "dana", "password": PASSWORD},
        )
        assert status == 302, "signing in on the first server"

        # The session made on the first server opens the second.
        _, form = browser.get(f"{two}/wins/new/")
        status, _ = browser.post(
            f"{two}/wins/new/",
            hidden_fields(form)
            | {"title": "Shipped the two-server setup", "occurred_on": TODAY.isoformat()},
        )
        assert status == 302, "writing a win on the second server"
        assert Win.objects.for_owner(owner).get().title == "Shipped the two-server setup"

        status, wins = browser.get(f"{one}/wins/")
        assert status == 200
        assert "Shipped the two-server setup" in wins

        # WAYFINDER_API_RATE_LIMIT=3 a minute: two requests on one server and one on the
        # other use it up, so the next is refused on either.
        statuses = [api_status(f"{base}/api/v1/wins", secret) for base in (one, one, two, two, one)]
        assert statuses == [200, 200, 200, 429, 429]
    finally:
        for server in servers:
            stop(server)
    assert [server.returncode for server in servers] == [0, 0]
