"""Every viewer page runs the same number of queries on the demo persona and on the heavy
dataset, as the owner's pages do (tests/test_page_queries.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.core.tests.factories import TODAY, UserFactory
from wayfinder.demo.heavy import heavy_create
from wayfinder.demo.persona import demo_create
from wayfinder.plan.models import PlanRevision
from wayfinder.sharing.models import SectionKey, Share

# The owner pages' bound: the health summary (guidance) is the dashboard's own report.
MAX_QUERIES = 70


def _share_everything(owner, viewer_name: str) -> Share:
    conversation = (
        DevelopmentConversation.objects.for_owner(owner).filter(supervisor__isnull=False).first()
    )
    return Share.objects.create(
        owner=owner,
        person=conversation.supervisor,
        email=f"{viewer_name}@example.com",
        viewer=UserFactory(username=viewer_name),
        sections=list(SectionKey.values),
        expires_on=TODAY + dt.timedelta(days=30),
        allow_comments=True,
        show_collaborators=True,
        token_hash=f"{viewer_name:0<64}"[:64],
        accepted_at=dt.datetime.combine(TODAY, dt.time(9), tzinfo=dt.UTC),
    )


@pytest.fixture(scope="module")
def shares(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo = demo_create(today=TODAY, username="viewer-demo")
        heavy = heavy_create(today=TODAY, username="viewer-heavy", scale=0.1)
        made = [_share_everything(demo, "demo-viewer"), _share_everything(heavy, "heavy-viewer")]
        yield made
        for share in made:
            share.viewer.delete()
        demo.user.delete()
        heavy.user.delete()


def _urls(share: Share) -> list[str]:
    revisions = list(
        PlanRevision.objects.for_owner(share.owner)
        .order_by("number")
        .values_list("number", flat=True)
    )
    compare = reverse("sharing:viewer-plan-compare", args=[share.pk])
    return [
        reverse("sharing:shared-with-me"),
        reverse("sharing:viewer-share", args=[share.pk]),
        *(reverse("sharing:viewer-section", args=[share.pk, key]) for key in SectionKey.values),
        f"{compare}?from={revisions[0]}&to={revisions[-1]}",
    ]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(SectionKey.values) + 3))
def test_no_more_queries_on_heavy_data_than_on_demo(client, shares, page):
    counts = []
    for share in shares:
        url = _urls(share)[page]
        client.force_login(share.viewer)
        client.get(url)  # warm the session and caches alike
        counts.append(_count(client, url))
    # Never more on ten years of data. Fewer is allowed: guidance reads who could be
    # approached only for a verdict that shows them, and the heavy record's mentors and
    # sponsor verdicts show none.
    assert counts[1] <= counts[0], f"{url}: {counts[0]} queries on demo, {counts[1]} on heavy"
    assert counts[0] <= MAX_QUERIES
