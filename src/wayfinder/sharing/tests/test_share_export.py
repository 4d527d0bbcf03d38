"""Shares in the owner's export (format version 4): the viewer's account and the
invitation stay on this instance, and an imported share is revoked until sent again."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wayfinder.core.tests.factories import UserFactory
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.importer import owner_import
from wayfinder.sharing.models import Share, ShareState
from wayfinder.sharing.selectors import shared_with, shares_expiring
from wayfinder.sharing.services import share_accept, share_access_record, share_resend
from wayfinder.sharing.tests.factories import AcceptedShareFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_shares_and_their_log_but_no_viewer_or_invitation(owner, today):
    share = AcceptedShareFactory(owner=owner, sections=["plan", "wins"])
    share_access_record(share=share, page="Plan", path="/sharing/shared/1/plan/")
    data = owner_export(owner=owner)
    (row,) = data["shares"]
    assert row["sections"] == ["plan", "wins"]
    assert {"viewer", "token_hash", "accepted_at"}.isdisjoint(row)
    assert share.token_hash not in export_text(data)
    assert share.viewer.get_username() not in export_text(data)
    assert [a["page"] for a in data["share_accesses"]] == ["Plan"]
    assert data["share_accesses"][0]["share"] == row["ref"]


def test_an_imported_share_is_revoked_until_it_is_sent_again(owner, today):
    share = AcceptedShareFactory(owner=owner, expires_on=today + dt.timedelta(days=5))
    viewer = share.viewer
    share_access_record(share=share, page="Wins")
    text = export_text(owner_export(owner=owner))

    result = owner_import(data=json.loads(text), username="dana-elsewhere")

    imported = Share.objects.for_owner(result.owner).get()
    assert imported.viewer is None and imported.token_hash is None
    assert imported.state_on(today) == ShareState.REVOKED
    assert imported.needs_sending_again
    assert imported.accesses.count() == 1
    assert not shares_expiring(owner=result.owner, today=today).exists()
    # The old viewer's account sees nothing of the imported record.
    assert list(shared_with(viewer, "plan", today)) == [share]
    # Sent again: a new invitation, accepted by whoever opens it.
    token = share_resend(
        owner=result.owner,
        share=imported,
        expires_on=today + dt.timedelta(days=30),
        today=today,
    )
    share_accept(token=token, user=UserFactory(username="rob-again"), today=today)
    imported.refresh_from_db()
    assert imported.is_active_on(today)
