"""The simulated owners of bench/load.py (a locustfile: locust imports it, nothing else).

Each user is one owner signed in with a session made by bench/load.py (LOAD_SESSIONS, a
JSON file), on one of the servers (LOAD_HOSTS, loopback only). Reads: dashboard, plan,
wins, people, search; writes, through the web forms with their CSRF token: a win, an
interaction, an action's status. LOAD_ONLY names one path to request alone (the
dashboard or the empty view, for the throughput ratio).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

from locust import HttpUser, between, constant, task

SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text())
HOSTS = os.environ["LOAD_HOSTS"].split(",")
ONLY = os.environ.get("LOAD_ONLY", "")
for host in HOSTS:  # the load never leaves this machine
    assert urlparse(host).hostname == "127.0.0.1", host
_next = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Owner(HttpUser):
    host = HOSTS[0]
    wait_time = constant(0) if ONLY else between(0.5, 1.5)

    def on_start(self) -> None:
        n = next(_next)
        me = SESSIONS[n % len(SESSIONS)]
        self.client.base_url = HOSTS[n % len(HOSTS)]
        self.client.cookies.set("sessionid", me["session"])
        self.person = me["person"]
        self.actions = list(me["actions"])
        self.today = dt.date.fromisoformat(me["today"])

    def _csrf(self, path: str) -> str:
        page = self.client.get(path, name=f"{path} (form)")
        found = CSRF.search(page.text)
        return found.group(1) if found else ""

    def _post(self, path: str, data: dict, name: str, form: str = "") -> None:
        token = self._csrf(form or path)
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": self.client.base_url + path},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 302, 303):
                response.failure(f"{name} answered {response.status_code}")

    @task(6)
    def dashboard(self) -> None:
        if ONLY:
            self.client.get(ONLY, name=ONLY)
            return
        self.client.get("/", name="dashboard /")

    @task(3)
    def plan(self) -> None:
        if not ONLY:
            self.client.get("/plan/", name="plan /plan/")

    @task(3)
    def wins(self) -> None:
        if not ONLY:
            self.client.get("/wins/", name="wins /wins/")

    @task(3)
    def people(self) -> None:
        if not ONLY:
            self.client.get("/people/", name="people /people/")

    @task(2)
    def search(self) -> None:
        if not ONLY:
            self.client.get("/search/?q=launch", name="search /search/?q=")

    @task(1)
    def log_win(self) -> None:
        if not ONLY:
            self._post(
                "/wins/new/",
                {"title": "Load test: shipped the weekly report", "occurred_on": self.today},
                "write: a win",
            )

    @task(1)
    def log_interaction(self) -> None:
        if not ONLY and self.person:
            self._post(
                "/people/interactions/new/",
                {"people": self.person, "occurred_on": self.today, "kind": "coffee"},
                "write: an interaction",
            )

    @task(1)
    def action_status(self) -> None:
        if not ONLY and self.actions:
            pk = self.actions.pop()
            self._post(f"/plan/actions/{pk}/start/", {}, "write: an action status", "/plan/")
