"""Creating, accepting, revoking, extending, changing and re-sending shares."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.core.tests.factories import ProfileFactory, UserFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.sharing.models import Share, ShareState
from wayfinder.sharing.services import (
    ShareError,
    share_accept,
    share_access_record,
    share_create,
    share_extend,
    share_resend,
    share_revoke,
    share_update_sections,
    token_hash,
)
from wayfinder.sharing.tests.factories import AcceptedShareFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(owner):
    return PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")


def _create(owner, person, today, **kwargs):
    values = {
        "owner": owner,
        "person": person,
        "sections": ["wins", "plan"],
        "expires_on": today + dt.timedelta(days=30),
        "today": today,
        **kwargs,
    }
    return share_create(**values)


def test_create_stores_only_the_hash_of_the_one_time_token(owner, person, today):
    share, token = _create(owner, person, today)
    assert len(token) >= 40
    assert share.token_hash == token_hash(token)
    assert token not in share.token_hash
    # The registry's order, whatever the order given; the person's email by default.
    assert share.sections == ["plan", "wins"]
    assert share.email == "rob@example.com"
    assert share.state_on(today) == ShareState.INVITED


def test_two_shares_get_different_tokens(owner, person, today):
    _, first = _create(owner, person, today)
    _, second = _create(owner, person, today)
    assert first != second


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sections": ["plan", "diary"]}, "unknown section 'diary'"),
        ({"sections": []}, "choose at least one section"),
        ({"email": "not an address"}, "is not an email address"),
        ({"expires_on": dt.date(2026, 11, 23)}, "must expire after today"),
        ({"expires_on": dt.date(2026, 1, 1)}, "must expire after today"),
        (
            {"period_start": dt.date(2026, 6, 1), "period_end": dt.date(2026, 5, 1)},
            "the period must end on or after",
        ),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(owner, person, today, kwargs, message):
    with pytest.raises(ShareError, match=message):
        _create(owner, person, today, **kwargs)
    assert not Share.objects.exists()


def test_create_needs_an_email_when_the_person_has_none(owner, today):
    person = PersonFactory(owner=owner, email="")
    with pytest.raises(ShareError, match="needs an email address"):
        _create(owner, person, today)


def test_create_refuses_another_owners_person(owner, outsider, today):
    with pytest.raises(ShareError, match="not one of yours"):
        _create(owner, PersonFactory(owner=outsider, email="x@example.com"), today)
    assert not Share.objects.exists()


def test_accept_binds_the_viewer_and_makes_the_share_active(owner, person, today):
    share, token = _create(owner, person, today)
    viewer = UserFactory(username="rob")
    accepted = share_accept(token=token, user=viewer, today=today)
    assert accepted.pk == share.pk
    share.refresh_from_db()
    assert share.viewer == viewer
    assert share.is_active_on(today)
    assert share.state_on(today) == ShareState.ACTIVE


def test_one_account_accepts_shares_from_several_owners(today):
    viewer = UserFactory(username="coach")
    tokens = []
    for _ in range(2):
        other = ProfileFactory()
        person = PersonFactory(owner=other, email="coach@example.com")
        tokens.append(_create(other, person, today)[1])
    for token in tokens:
        share_accept(token=token, user=viewer, today=today)
    assert Share.objects.filter(viewer=viewer).count() == 2


def test_an_invitation_is_used_once(owner, person, today):
    _, token = _create(owner, person, today)
    viewer = UserFactory(username="rob")
    share_accept(token=token, user=viewer, today=today)
    # The same account opening it again is fine; another one is refused.
    assert share_accept(token=token, user=viewer, today=today).viewer == viewer
    with pytest.raises(ShareError, match="already used"):
        share_accept(token=token, user=UserFactory(username="someone"), today=today)


@pytest.mark.parametrize("token", ["", "wrong", "x" * 43])
def test_an_unknown_token_is_refused(owner, person, today, token):
    _create(owner, person, today)
    with pytest.raises(ShareError, match="not valid"):
        share_accept(token=token, user=UserFactory(username="rob"), today=today)


def test_a_revoked_or_expired_invitation_is_refused(owner, person, today):
    share, token = _create(owner, person, today)
    with pytest.raises(ShareError, match="expired"):
        share_accept(token=token, user=UserFactory(), today=share.expires_on + dt.timedelta(1))
    share_revoke(owner=owner, share=share)
    with pytest.raises(ShareError, match="not valid"):
        share_accept(token=token, user=UserFactory(), today=today)


def test_the_owner_cannot_accept_their_own_share(owner, person, today):
    _, token = _create(owner, person, today)
    with pytest.raises(ShareError, match="your own share"):
        share_accept(token=token, user=owner.user, today=today)


def test_revoke_ends_access_at_once(owner, today):
    share = AcceptedShareFactory(owner=owner)
    assert share.is_active_on(today)
    share_revoke(owner=owner, share=share)
    share.refresh_from_db()
    assert share.state_on(today) == ShareState.REVOKED
    assert not Share.objects.active_on(today).filter(pk=share.pk).exists()
    first = share.revoked_at
    share_revoke(owner=owner, share=share)
    share.refresh_from_db()
    assert share.revoked_at == first


def test_services_refuse_another_owners_share(owner, outsider, today):
    share = AcceptedShareFactory(owner=outsider)
    later = today + dt.timedelta(days=200)
    for call in (
        lambda: share_revoke(owner=owner, share=share),
        lambda: share_extend(owner=owner, share=share, expires_on=later, today=today),
        lambda: share_update_sections(owner=owner, share=share, sections=["goals"]),
        lambda: share_resend(owner=owner, share=share, expires_on=later, today=today),
    ):
        with pytest.raises(ShareError, match="not one of yours"):
            call()
    share.refresh_from_db()
    assert share.revoked_at is None
    assert share.sections == ["plan", "wins"]


def test_extend_moves_the_expiry_and_refuses_the_past(owner, today):
    share = AcceptedShareFactory(owner=owner, expires_on=today + dt.timedelta(days=3))
    share_extend(owner=owner, share=share, expires_on=today + dt.timedelta(days=60), today=today)
    share.refresh_from_db()
    assert share.expires_on == today + dt.timedelta(days=60)
    with pytest.raises(ShareError, match="after today"):
        share_extend(owner=owner, share=share, expires_on=today, today=today)


def test_an_expired_share_is_no_longer_active(owner, today):
    share = AcceptedShareFactory(owner=owner, expires_on=today)
    assert share.is_active_on(today)
    tomorrow = today + dt.timedelta(days=1)
    assert share.state_on(tomorrow) == ShareState.EXPIRED
    assert not Share.objects.active_on(tomorrow).exists()


def test_update_sections_changes_what_is_shown(owner, today):
    share = AcceptedShareFactory(owner=owner)
    share_update_sections(
        owner=owner, share=share, sections=["goals", "direction"], show_collaborators=True
    )
    share.refresh_from_db()
    assert share.sections == ["direction", "goals"]
    assert share.show_collaborators
    with pytest.raises(ShareError, match="unknown section"):
        share_update_sections(owner=owner, share=share, sections=["journal"])
    share.refresh_from_db()
    assert share.sections == ["direction", "goals"]


def test_a_revoked_share_cannot_be_changed_but_can_be_sent_again(owner, today):
    share = AcceptedShareFactory(owner=owner)
    share_revoke(owner=owner, share=share)
    with pytest.raises(ShareError, match="revoked"):
        share_update_sections(owner=owner, share=share, sections=["goals"])
    old_hash = Share.objects.get(pk=share.pk).token_hash
    token = share_resend(
        owner=owner, share=share, expires_on=today + dt.timedelta(days=10), today=today
    )
    share.refresh_from_db()
    assert share.token_hash == token_hash(token) != old_hash
    assert share.state_on(today) == ShareState.INVITED
    assert share.viewer is None
    viewer = UserFactory(username="back")
    share_accept(token=token, user=viewer, today=today)
    share.refresh_from_db()
    assert share.is_active_on(today)


def test_access_record_logs_the_page_and_the_last_access(owner, today):
    share = AcceptedShareFactory(owner=owner)
    access = share_access_record(share=share, page="Plan", path="/shared/1/plan/")
    share.refresh_from_db()
    assert share.last_access_at == access.viewed_at
    assert access.owner_id == owner.id
    assert list(share.accesses.values_list("page", flat=True)) == ["Plan"]


def test_period_and_invitation_constraints_hold_in_the_database(owner, today):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ShareFactory(owner=owner, period_start=dt.date(2026, 6, 1), period_end=dt.date(2026, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        AcceptedShareFactory(owner=owner, token_hash=None)
