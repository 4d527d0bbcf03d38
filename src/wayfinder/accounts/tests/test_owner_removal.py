"""Deactivating and deleting an owner: what stops, what is removed, who is told."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import AccountNotice, AccountSession, OwnerInvitation
from wayfinder.accounts.owner_selectors import account_notices, owned_models
from wayfinder.accounts.owner_services import (
    OwnersError,
    owner_deactivate,
    owner_delete,
    owner_reactivate,
)
from wayfinder.accounts.tests.factories import OwnerInvitationFactory
from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.models import DataVersion, Profile
from wayfinder.core.tests.factories import UserFactory
from wayfinder.demo.persona import demo_create
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.sharing.selectors import shared_with, viewer_home
from wayfinder.sharing.tests.factories import AcceptedShareFactory, ShareFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a calm river at dawn"


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_deactivated_owner_is_signed_out_cannot_sign_in_and_their_shares_go_dark(
    owner, administrator, today
):
    user = owner.user
    user.set_password(PASSWORD)
    user.save()
    share = AcceptedShareFactory(owner=owner, sections=[SectionKey.PLAN])
    browser = Client()
    browser.post(reverse("accounts:signin"), {"username": user.username, "password": PASSWORD})
    assert AccountSession.objects.filter(user=user).exists()
    assert list(shared_with(share.viewer, SectionKey.PLAN, today)) == [share]

    assert owner_deactivate(user=user, by=administrator) is True

    user.refresh_from_db()
    assert not user.is_active
    assert not AccountSession.objects.filter(user=user).exists()
    assert browser.get(reverse("home")).status_code == 302  # to sign in
    again = Client().post(
        reverse("accounts:signin"), {"username": user.username, "password": PASSWORD}
    )
    assert again.status_code == 200 and "_auth_user_id" not in again.client.session
    assert list(shared_with(share.viewer, SectionKey.PLAN, today)) == []
    assert viewer_home(share.viewer, today) == []
    viewer = _signed_in(share.viewer)
    assert viewer.get(reverse("sharing:viewer-share", args=[share.pk])).status_code == 404
    # The record itself is untouched: reactivating gives everything back.
    assert owner_deactivate(user=user, by=administrator) is False
    assert owner_reactivate(user=user, by=administrator) is True
    assert list(shared_with(share.viewer, SectionKey.PLAN, today)) == [share]


def test_the_administrator_cannot_deactivate_or_delete_themselves_nor_a_non_owner(
    administrator, owner
):
    administrator_owner = Profile.objects.create(user=UserFactory(is_staff=True))
    with pytest.raises(OwnersError, match="your own account"):
        owner_deactivate(user=administrator_owner.user, by=administrator_owner.user)
    with pytest.raises(OwnersError, match="no career record"):
        owner_deactivate(user=administrator, by=owner.user)
    with pytest.raises(OwnersError, match="your own account"):
        owner_delete(user=administrator_owner.user, by=administrator_owner.user, now=timezone.now())
    assert administrator_owner.user.is_active


def _rows_of(profile_id: int) -> dict[str, int]:
    return {
        model.__name__: model._base_manager.filter(owner_id=profile_id).count()
        for model in owned_models()
    }


def test_deleting_an_owner_removes_every_owned_row_and_leaves_the_other_owner_alone(
    administrator, today
):
    dana = demo_create(today=today, username="dana")
    other = demo_create(today=today, username="other")
    viewer = UserFactory(username="marcus-viewer")
    AcceptedShareFactory(owner=dana, viewer=viewer, sections=[SectionKey.PLAN])
    OwnerInvitationFactory(email=dana.user.email or "dana@example.com", accepted_by=dana.user)
    dana_rows = _rows_of(dana.pk)
    other_before = _rows_of(other.pk)
    # The demo persona fills most of the record: the walk is meaningful.
    assert sum(1 for n in dana_rows.values() if n) >= 25, dana_rows
    dana_id, user_id = dana.pk, dana.user.pk

    deleted = owner_delete(user=dana.user, by=administrator, now=timezone.now())

    assert deleted.username == "dana" and deleted.rows > sum(dana_rows.values())
    assert all(count == 0 for count in _rows_of(dana_id).values()), _rows_of(dana_id)
    assert _rows_of(other.pk) == other_before
    assert not Profile.objects.filter(pk=dana_id).exists()
    assert not DataVersion.objects.filter(owner_id=dana_id).exists()
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert not OwnerInvitation.objects.filter(accepted_by_id=user_id).exists()
    # The viewer's own account stays: they are told, not deleted.
    assert get_user_model().objects.filter(pk=viewer.pk).exists()


def test_deleting_ends_the_shares_first_and_tells_each_active_viewer(owner, administrator, today):
    owner.display_name = "Dana Okafor"
    owner.save()
    first = AcceptedShareFactory(owner=owner, sections=[SectionKey.PLAN])
    AcceptedShareFactory(owner=owner, viewer=first.viewer, sections=[SectionKey.WINS])
    second = AcceptedShareFactory(owner=owner)
    ShareFactory(owner=owner)  # invited, never opened: no viewer to tell
    untouched = AcceptedShareFactory(viewer=first.viewer)  # another owner's share

    deleted = owner_delete(user=owner.user, by=administrator, now=timezone.now())

    assert "Ended 4 shares; told 2 viewers (2 by email)." in deleted.done_first
    assert not Share.objects.filter(owner_id=owner.pk).exists()
    for viewer in (first.viewer, second.viewer):
        (notice,) = account_notices(user=viewer)
        assert notice.message.startswith("Dana Okafor has left this Wayfinder")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.viewer.email, second.viewer.email])
    assert all("Dana Okafor has left" in m.body for m in mail.outbox)
    # The viewer still reads what others share with them.
    assert [row.share for row in viewer_home(first.viewer, today)] == [untouched]


def test_without_mail_viewers_are_told_on_shared_with_me_and_can_dismiss_it(
    owner, administrator, settings
):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""
    share = AcceptedShareFactory(owner=owner)
    name = str(owner)
    owner_delete(user=owner.user, by=administrator, now=timezone.now())
    assert not mail.outbox
    viewer = _signed_in(share.viewer)
    page = viewer.get(reverse("sharing:shared-with-me"))
    assert f"{name} has left this Wayfinder" in page.content.decode()
    notice = AccountNotice.objects.get(user=share.viewer)
    done = viewer.post(reverse("accounts:notice-dismiss", args=[notice.pk]))
    assert done.status_code == 302
    assert (
        "has left this Wayfinder"
        not in viewer.get(reverse("sharing:shared-with-me")).content.decode()
    )


def test_a_notice_is_dismissed_only_by_its_own_account(owner, administrator):
    share = AcceptedShareFactory(owner=owner)
    owner_delete(user=owner.user, by=administrator, now=timezone.now())
    notice = AccountNotice.objects.get(user=share.viewer)
    stranger = _signed_in(UserFactory())
    stranger.post(reverse("accounts:notice-dismiss", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.dismissed_at is None
