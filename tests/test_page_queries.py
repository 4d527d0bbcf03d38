"""Every main page runs the same number of queries on the demo persona and on the heavy
dataset: the query count is fixed by the page, not by the amount of data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wayfinder.demo.heavy import heavy_create
from wayfinder.demo.persona import demo_create

TODAY = dt.date.today()
# Generous enough to stay a real bound, small enough to be noticed when a page grows.
MAX_QUERIES = 60

PAGES = [
    ("home", None),
    ("core:profile", None),
    ("direction:ambition", None),
    ("direction:paths", None),
    ("direction:goals", None),
    ("plan:plan", None),
    ("plan:revisions", None),
    ("plan:opportunities", None),
    ("experiments:experiments", None),
    ("network:people", None),
    ("network:people-list", None),
    ("network:interactions", None),
    ("wins:wins", None),
    ("conversations:conversations", None),
    ("reflection:reviews", None),
    ("reflection:journal", None),
    ("reflection:private", None),
    ("search:results", "q=launch"),
    ("portability:data", None),
]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture(scope="module")
def datasets(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo = demo_create(today=TODAY, username="demo-persona")
        heavy = heavy_create(today=TODAY, username="heavy-persona", scale=0.1)
        yield demo, heavy
        demo.user.delete()
        heavy.user.delete()


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "query"), PAGES)
def test_same_query_count_on_demo_and_heavy_data(client, datasets, name, query):
    demo, heavy = datasets
    url = reverse(name) + (f"?{query}" if query else "")
    counts = []
    for owner in (demo, heavy):
        client.force_login(owner.user)
        client.get(url)  # warm the session and caches alike
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1], f"{url}: {counts[0]} queries on demo, {counts[1]} on heavy"
    assert counts[0] <= MAX_QUERIES
