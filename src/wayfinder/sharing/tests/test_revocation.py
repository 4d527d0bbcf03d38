"""Revocation and expiry close a viewer's access at their very next request, while their
session stays open: nothing about the access is remembered between requests."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from wayfinder.core.tests.factories import TODAY
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing.models import SectionKey
from wayfinder.sharing.services import share_create

pytestmark = pytest.mark.django_db


def _accepted(owner, *, expires_on: dt.date) -> tuple[Client, object]:
    """A share of the plan, its invitation opened by the viewer: a real viewer session."""
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    share, token = share_create(
        owner=owner,
        person=person,
        sections=[SectionKey.PLAN, SectionKey.WINS],
        expires_on=expires_on,
        today=TODAY,
    )
    viewer = Client()
    opened = viewer.post(reverse("sharing:accept", kwargs={"token": token}))
    assert opened.status_code == 302, "the invitation signs the viewer in"
    return viewer, share


def _pages(share) -> list[str]:
    return [
        reverse("sharing:viewer-share", kwargs={"share_id": share.pk}),
        reverse("sharing:viewer-section", kwargs={"share_id": share.pk, "section": "plan"}),
        reverse("sharing:viewer-section", kwargs={"share_id": share.pk, "section": "wins"}),
    ]


def _statuses(client: Client, urls: list[str]) -> list[int]:
    return [client.get(url).status_code for url in urls]


def test_revoking_closes_an_open_viewer_session_at_the_next_request(owner):
    viewer, share = _accepted(owner, expires_on=TODAY + dt.timedelta(days=90))
    pages = _pages(share)
    assert _statuses(viewer, pages) == [200, 200, 200]

    owner_client = Client()
    owner_client.force_login(owner.user)
    revoked = owner_client.post(reverse("sharing:share-revoke", kwargs={"share_id": share.pk}))
    assert revoked.status_code == 302

    assert _statuses(viewer, pages) == [404, 404, 404]
    # Still signed in: it is the share that closed, not the session.
    assert viewer.get(reverse("sharing:shared-with-me")).status_code == 200


def test_expiry_closes_an_open_viewer_session_at_the_next_request(owner):
    # Tomorrow is the share's last day; the viewer reads it late that evening.
    last_day = TODAY + dt.timedelta(days=1)
    evening = dt.datetime.combine(last_day, dt.time(22), tzinfo=dt.UTC)
    with time_machine.travel(evening, tick=False):
        viewer, share = _accepted(owner, expires_on=last_day)
        pages = _pages(share)
        assert _statuses(viewer, pages) == [200, 200, 200]
    # Half past midnight: the same open session (well inside its idle timeout), a day later.
    after = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0, 30), tzinfo=dt.UTC)
    with time_machine.travel(after, tick=False):
        assert _statuses(viewer, pages) == [404, 404, 404]
        assert viewer.get(reverse("sharing:shared-with-me")).status_code == 200


def test_a_comment_is_refused_once_the_share_is_revoked(owner):
    viewer, share = _accepted(owner, expires_on=TODAY + dt.timedelta(days=90))
    share.allow_comments = True
    share.save(update_fields=["allow_comments"])
    action = DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    comment = {"item_kind": "action", "item_id": str(action.pk), "body": "Before."}
    url = reverse("sharing:comment-add", kwargs={"share_id": share.pk})
    assert viewer.post(url, comment).status_code == 302
    assert share.comments.count() == 1
    owner_client = Client()
    owner_client.force_login(owner.user)
    owner_client.post(reverse("sharing:share-revoke", kwargs={"share_id": share.pk}))
    assert viewer.post(url, comment | {"body": "After."}).status_code == 404
    assert share.comments.count() == 1
