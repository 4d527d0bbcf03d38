"""Owner invitations: invite, send (by email or as a link), send again, cancel, sign up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from wayfinder.accounts.models import InvitationState, OwnerInvitation
from wayfinder.accounts.owner_services import (
    INVITATION_LIFETIME,
    OwnersError,
    owner_invitation_cancel,
    owner_invitation_for_token,
    owner_invitation_renew,
    owner_invitation_send,
    owner_invite,
    owner_signup,
)
from wayfinder.accounts.tests.factories import OwnerInvitationFactory, invitation_and_token
from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.models import Profile
from wayfinder.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://wayfinder.example.com"
PASSWORD = "a calm river at dawn"


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def no_mail(settings):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""


def test_invite_stores_only_the_hash_and_expires_in_a_week(administrator):
    now = timezone.now()
    invitation, token = owner_invite(
        email=" Priya@Example.COM ", name="Priya", invited_by=administrator, now=now
    )
    assert invitation.email == "Priya@example.com"
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert invitation.expires_at == now + INVITATION_LIFETIME
    assert invitation.state_at(now) == InvitationState.PENDING
    assert owner_invitation_for_token(token) == invitation


def test_inviting_again_renews_the_waiting_invitation_and_kills_the_old_link(administrator):
    now = timezone.now()
    first, old = owner_invite(email="priya@example.com", invited_by=administrator, now=now)
    later = now + dt.timedelta(days=3)
    again, new = owner_invite(email="PRIYA@example.com", invited_by=administrator, now=later)
    assert again.pk == first.pk and OwnerInvitation.objects.count() == 1
    assert again.expires_at == later + INVITATION_LIFETIME
    assert owner_invitation_for_token(old) is None
    assert owner_invitation_for_token(new) == again


@pytest.mark.parametrize(
    ("email", "message"), [("not an address", "not an email address"), ("", "not an email")]
)
def test_invite_refuses_a_bad_address_and_writes_nothing(administrator, email, message):
    with pytest.raises(OwnersError, match=message):
        owner_invite(email=email, invited_by=administrator, now=timezone.now())
    assert not OwnerInvitation.objects.exists()


def test_invite_refuses_an_address_that_already_has_an_owner(administrator, owner):
    with pytest.raises(OwnersError, match="already has an account"):
        owner_invite(email=owner.user.email.upper(), invited_by=administrator, now=timezone.now())


def test_the_email_carries_the_link_and_nothing_else_of_the_instance(administrator):
    invitation, token = owner_invite(
        email="priya@example.com", name="Priya", invited_by=administrator, now=timezone.now()
    )
    sent = owner_invitation_send(invitation=invitation, token=token, base_url=BASE)
    assert sent.emailed and sent.link == f"{BASE}/signup/{token}/"
    (message,) = mail.outbox
    assert message.to == ["priya@example.com"]
    assert sent.link in message.body and "Hello Priya" in message.body
    assert "7 days" in message.body


def test_without_mail_the_link_is_returned_to_pass_on(administrator, no_mail):
    invitation, token = owner_invite(
        email="priya@example.com", invited_by=administrator, now=timezone.now()
    )
    sent = owner_invitation_send(invitation=invitation, token=token, base_url=BASE)
    assert not sent.emailed and sent.link.endswith(f"/signup/{token}/")
    assert not mail.outbox


def test_cancel_then_send_again(administrator):
    now = timezone.now()
    invitation, token = invitation_and_token(invited_by=administrator)
    owner_invitation_cancel(invitation=invitation, now=now)
    invitation.refresh_from_db()
    assert invitation.state_at(now) == InvitationState.CANCELLED
    with pytest.raises(OwnersError, match="cancelled"):
        owner_signup(token=token, username="priya", password=PASSWORD, now=now)
    fresh = owner_invitation_renew(invitation=invitation, now=now)
    invitation.refresh_from_db()
    assert invitation.state_at(now) == InvitationState.PENDING
    assert owner_invitation_for_token(token) is None
    assert owner_invitation_for_token(fresh) == invitation


def test_signup_creates_the_owner_as_init_does_with_the_invited_address(administrator):
    now = timezone.now()
    invitation, token = invitation_and_token(email="priya@example.com", invited_by=administrator)
    profile = owner_signup(
        token=token,
        username="priya",
        password=PASSWORD,
        display_name="",
        time_zone="Europe/London",
        now=now,
    )
    user = profile.user
    assert user.username == "priya" and user.email == "priya@example.com"
    assert user.check_password(PASSWORD) and user.is_active and not user.is_staff
    assert profile.display_name == "Priya Shah"  # the invitation's name, when none is typed
    assert profile.time_zone == "Europe/London" and profile.onboarded_at is None
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.state_at(now) == InvitationState.ACCEPTED


def test_a_link_signs_up_once(administrator):
    now = timezone.now()
    _, token = invitation_and_token(invited_by=administrator)
    owner_signup(token=token, username="priya", password=PASSWORD, now=now)
    with pytest.raises(OwnersError, match="already used"):
        owner_signup(token=token, username="priya2", password=PASSWORD, now=now)
    assert Profile.objects.count() == 1


def test_an_expired_or_unknown_link_signs_no_one_up(administrator):
    now = timezone.now()
    _, token = invitation_and_token(
        invited_by=administrator, expires_at=now - dt.timedelta(seconds=1)
    )
    with pytest.raises(OwnersError, match="expired"):
        owner_signup(token=token, username="priya", password=PASSWORD, now=now)
    with pytest.raises(OwnersError, match="not valid"):
        owner_signup(token="nothing-like-it", username="priya", password=PASSWORD, now=now)
    assert not get_user_model().objects.filter(username="priya").exists()


def test_a_taken_username_is_refused_and_the_link_still_works(administrator, owner):
    now = timezone.now()
    invitation, token = invitation_and_token(invited_by=administrator)
    with pytest.raises(OwnersError, match="already an account named"):
        owner_signup(token=token, username=owner.user.username, password=PASSWORD, now=now)
    invitation.refresh_from_db()
    assert invitation.state_at(now) == InvitationState.PENDING


def test_an_accepted_invitation_cannot_be_cancelled_or_sent_again(administrator):
    now = timezone.now()
    invitation = OwnerInvitationFactory(accepted_at=now)
    with pytest.raises(OwnersError, match="already signed up"):
        owner_invitation_cancel(invitation=invitation, now=now)
    with pytest.raises(OwnersError, match="already signed up"):
        owner_invitation_renew(invitation=invitation, now=now)
