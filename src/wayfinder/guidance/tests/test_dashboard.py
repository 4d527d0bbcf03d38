import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.core.versions import data_version_bump
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.network.models import Influence, Role
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def today() -> dt.date:
    return timezone.now().date()


def fill(owner, n: int) -> None:
    """Rows written straight to the database, then the owner's data version moved on."""
    for i in range(n):
        person = PersonFactory(owner=owner, function=f"Function {i % 7}", relative_level=i % 4)
        if i % 5 == 0:
            PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
        InteractionFactory(
            owner=owner, occurred_on=today() - dt.timedelta(days=i * 9), people=[person]
        )
        win = WinFactory(owner=owner, occurred_on=today() - dt.timedelta(days=i * 7))
        leader = PersonFactory(owner=owner, influence=Influence.HIGH, relative_level=2)
        if i % 2:
            WinAudienceFactory(owner=owner, win=win, person=leader, told_on=today())
        DevelopmentActionFactory(owner=owner, due_on=today() - dt.timedelta(days=i - 1))
        GoalFactory(owner=owner)
    data_version_bump(owner_id=owner.pk)


def test_empty_dashboard_says_what_to_do(signed_in):
    content = signed_in.get("/").content.decode()
    assert "What to do next" in content
    assert "You have not written an ambition yet." in content
    assert 'href="/direction/ambition/new/"' in content
    assert "No wins in the last six months yet." in content


def test_charts_are_svg_with_text_alternatives(signed_in, owner):
    fill(owner, 6)
    content = signed_in.get("/").content.decode()
    for chart in ("health", "activity", "coverage", "visibility"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in content
        assert f'<title id="{chart}-title">' in content
    assert content.count("Show as a table") == 4


def test_dashboard_shows_only_the_owners_data(signed_in, owner, outsider):
    WinFactory(owner=outsider, title="Outsider's secret win", occurred_on=today())
    DevelopmentActionFactory(
        owner=outsider, title="Outsider's overdue action", due_on=today() - dt.timedelta(days=3)
    )
    content = signed_in.get("/").content.decode()
    assert "Outsider" not in content


# Every kind of row is present at both sizes: Django skips a prefetch for an empty list.
def test_query_count_does_not_grow_with_data(signed_in, owner, django_assert_max_num_queries):
    fill(owner, 3)
    # 44: the week reads the people it shows even when nobody is past their rhythm; the
    # sponsor candidates share the mentors' network read and the visibility matrix's
    # ledger read; plan momentum reads whether a plan began only when nothing was done
    # (51 before, 58 and 61 before that).
    with django_assert_max_num_queries(44) as small:
        signed_in.get("/")
    fill(owner, 25)
    with django_assert_max_num_queries(44) as large:
        signed_in.get("/")
    # The candidates are read only by a verdict that shows them: with more data the
    # mentors or sponsor verdict may show none, and read less. Never more.
    assert len(large.captured_queries) <= len(small.captured_queries)


def test_the_assessment_is_cached_until_the_data_changes(
    signed_in, owner, django_assert_max_num_queries
):
    def body(content: bytes) -> str:
        # The page around it carries a fresh CSRF token each time; the assessment does not.
        return content.decode().split('<div class="grid-2">', 1)[1].split("</main>", 1)[0]

    fill(owner, 3)
    first = body(signed_in.get("/").content)
    with django_assert_max_num_queries(6):
        again = body(signed_in.get("/").content)
    assert again == first
    # A write through the app (here: logging a win) makes the next visit recompute.
    signed_in.post(
        "/wins/new/",
        {"title": "Closed the Initech renewal", "occurred_on": today().isoformat()},
    )
    assert "You have not logged a win" not in signed_in.get("/").content.decode()
    assert WinFactory._meta.model.objects.filter(title="Closed the Initech renewal").exists()


def test_a_new_day_is_assessed_afresh(signed_in, owner, monkeypatch):
    from wayfinder.guidance.views import dashboard as views

    signed_in.get("/")
    monkeypatch.setattr(views, "today_for", lambda owner: today() + dt.timedelta(days=400))
    content = signed_in.get("/").content.decode()
    assert "You have not written an ambition yet." in content


def test_one_cached_dashboard_per_owner_replaced_by_each_write(signed_in, owner):
    from django.core.cache import cache

    from wayfinder.core.versions import data_version_of

    key = f"dashboard:{owner.pk}"
    cache.clear()
    signed_in.get("/")
    for n in range(3):
        signed_in.post(
            "/wins/new/", {"title": f"Shipped release {n}", "occurred_on": today().isoformat()}
        )
        # The write moved the data version on: the entry held is stale until the next visit.
        stale, _ = cache.get(key)
        assert stale != (data_version_of(owner=owner), today().isoformat())
        page = signed_in.get("/").content.decode()
        assert "You have not logged a win" not in page
        stamp, body = cache.get(key)
        assert stamp == (data_version_of(owner=owner), today().isoformat())
        assert 'class="grid-2"' in body
    # The tests' cache is process memory, whose keys can be listed: the owner's one key is
    # the only dashboard entry, with no body per write left behind.
    assert [k for k in cache._cache if ":dashboard:" in k] == [cache.make_key(key)]


def test_the_shared_cache_keeps_the_dashboards_of_many_owners():
    """Django's default bound (300 entries, then a third dropped in key order) evicted
    the dashboards of a busy instance first; the cache is sized for thousands."""
    from django.core.cache import cache

    cache.clear()
    keys = [f"dashboard:{n}" for n in range(400)]
    cache.set_many({key: (("v", "d"), "body") for key in keys}, timeout=60)
    assert len(cache.get_many(keys)) == 400
