"""What a viewer finds: only their active shares, and only the sections those allow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wayfinder.core.tests.factories import ProfileFactory, UserFactory
from wayfinder.sharing.selectors import (
    is_viewer,
    share_accesses,
    share_for_viewer,
    shared_with,
    shares_expiring,
    shares_for_owner,
    viewer_home,
)
from wayfinder.sharing.services import share_access_record
from wayfinder.sharing.tests.factories import AcceptedShareFactory, ShareFactory

pytestmark = pytest.mark.django_db


def test_shared_with_gives_only_active_shares_with_the_section(owner, today):
    viewer = UserFactory(username="rob")
    plan = AcceptedShareFactory(owner=owner, viewer=viewer, sections=["plan"])
    AcceptedShareFactory(owner=owner, viewer=viewer, sections=["wins"])
    AcceptedShareFactory(owner=owner, viewer=viewer, sections=["plan"], revoked_at=timezone.now())
    AcceptedShareFactory(
        owner=owner, viewer=viewer, sections=["plan"], expires_on=today - dt.timedelta(1)
    )
    ShareFactory(owner=owner, sections=["plan"])  # invited, not accepted
    AcceptedShareFactory(owner=owner, sections=["plan"])  # someone else's view
    assert list(shared_with(viewer, "plan", today)) == [plan]
    assert list(shared_with(AnonymousUser(), "plan", today)) == []


def test_shared_with_refuses_an_unknown_section(owner, today):
    with pytest.raises(ValueError, match="unknown section"):
        shared_with(UserFactory(), "journal", today)


def test_share_for_viewer_is_none_for_another_viewer_or_section(owner, today):
    share = AcceptedShareFactory(owner=owner, sections=["plan"])
    assert share_for_viewer(share.viewer, share.pk, today) == share
    assert share_for_viewer(share.viewer, share.pk, today, section="plan") == share
    assert share_for_viewer(share.viewer, share.pk, today, section="wins") is None
    assert share_for_viewer(UserFactory(), share.pk, today) is None


def test_viewer_home_lists_each_owner_and_their_sections(today):
    viewer = UserFactory(username="coach")
    dana = ProfileFactory(display_name="Dana Okafor")
    sam = ProfileFactory(display_name="Sam Lee")
    AcceptedShareFactory(owner=dana, viewer=viewer, sections=["plan", "goals"])
    AcceptedShareFactory(owner=sam, viewer=viewer, sections=["guidance"])
    AcceptedShareFactory(owner=sam, viewer=viewer, sections=["wins"], revoked_at=timezone.now())
    home = viewer_home(viewer, today)
    assert [(row.owner_name, row.sections) for row in home] == [
        ("Dana Okafor", ["plan", "goals"]),
        ("Sam Lee", ["guidance"]),
    ]
    assert is_viewer(viewer, today)
    assert not is_viewer(UserFactory(), today)


def test_shares_for_owner_counts_views_and_stays_the_owners(owner, outsider, today):
    share = AcceptedShareFactory(owner=owner)
    AcceptedShareFactory(owner=outsider)
    for page in ("Plan", "Wins"):
        share_access_record(share=share, page=page)
    rows = list(shares_for_owner(owner))
    assert rows == [share]
    assert rows[0].view_count == 2
    assert [a.page for a in share_accesses(owner=owner, share=share)] == ["Wins", "Plan"]
    assert list(share_accesses(owner=outsider, share=share)) == []


def test_shares_expiring_within_a_week(owner, today):
    soon = AcceptedShareFactory(owner=owner, expires_on=today + dt.timedelta(days=7))
    AcceptedShareFactory(owner=owner, expires_on=today + dt.timedelta(days=8))
    AcceptedShareFactory(
        owner=owner, expires_on=today + dt.timedelta(days=2), revoked_at=timezone.now()
    )
    assert list(shares_expiring(owner=owner, today=today)) == [soon]
