"""The invitation: emailed when mail is set up, its link shown otherwise; opening it signs a
viewer in to one account per person, once, throttled, never into someone else's account."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from wayfinder.accounts.models import AccountSession
from wayfinder.accounts.services import THROTTLE_MAX_FAILURES
from wayfinder.core.tests.factories import ProfileFactory, UserFactory
from wayfinder.core.tests.jobs import jobs_run
from wayfinder.sharing.invitations import invitation_send
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.sharing.tests.factories import AcceptedShareFactory, ShareFactory

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def dana(db):
    return ProfileFactory(display_name="Dana Okafor")


@pytest.fixture
def share(dana):
    return ShareFactory(owner=dana, email="rob@example.com", sections=[SectionKey.PLAN])


def _accept_url(share) -> str:
    return reverse("sharing:accept", args=[share.token])


def test_the_invitation_is_emailed_with_its_link_and_nothing_of_the_record(share):
    sent = invitation_send(share=share, token=share.token, base_url="https://wf.example.com/")
    assert sent.emailed
    assert sent.link == "https://wf.example.com" + _accept_url(share)
    [message] = mail.outbox
    assert message.to == ["rob@example.com"]
    assert sent.link in message.body
    assert "Dana Okafor" in message.body
    assert "plan" in message.body


@override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="")
def test_without_a_mail_server_the_link_is_returned_to_copy(share):
    sent = invitation_send(share=share, token=share.token, base_url="")
    assert not sent.emailed
    assert sent.link == _accept_url(share)
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=9)
def test_a_mail_server_that_refuses_leaves_the_link_to_copy(share):
    sent = invitation_send(share=share, token=share.token, base_url="")
    assert not sent.emailed


@pytest.mark.django_db(transaction=True)
def test_the_share_invitation_job_sends_the_invitation(share):
    """Sent at once on SQLite; through the worker on PostgreSQL, which then blanks the
    one-time token in the job's queue row (it is otherwise kept only as a hash)."""
    from wayfinder.sharing.jobs import share_invitation_job

    result = share_invitation_job.enqueue(share.pk, share.token, "https://w.example")
    if connection.vendor == "postgresql":
        from django_tasks_db.models import DBTaskResult

        jobs_run()
        result.refresh()

        row = DBTaskResult.objects.get(pk=result.id)
        assert share.token not in str(row.args_kwargs)
    [invitation] = mail.outbox
    assert invitation.to == [share.email]
    assert f"https://w.example/sharing/accept/{share.token}/" in invitation.body
    assert result.return_value == {"share_id": share.pk, "emailed": True}


def test_opening_the_link_only_shows_a_button(client, share):
    response = client.get(_accept_url(share))
    assert response.status_code == 200
    share.refresh_from_db()
    assert share.viewer is None


def test_accepting_makes_a_viewer_account_signs_it_in_and_opens_the_share(client, share):
    response = client.post(_accept_url(share))
    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:viewer-share", args=[share.pk])
    share.refresh_from_db()
    viewer = share.viewer
    assert viewer.email == "rob@example.com"
    assert not viewer.has_usable_password()
    assert not hasattr(viewer, "profile")
    assert client.get(response["Location"]).status_code == 200
    assert AccountSession.objects.get(user=viewer).is_viewer


def test_the_link_works_once(client, share):
    client.post(_accept_url(share))
    again = Client().post(_accept_url(share))
    assert again.status_code == 400
    assert "already used" in again.content.decode()


def test_the_same_person_keeps_one_account_for_several_owners(client, share):
    client.post(_accept_url(share))
    other = ShareFactory(owner=ProfileFactory(), email="ROB@example.com")
    response = client.post(_accept_url(other))
    assert response.status_code == 302
    share.refresh_from_db()
    other.refresh_from_db()
    assert other.viewer_id == share.viewer_id


def test_a_second_owners_link_opened_signed_out_asks_the_viewer_to_sign_in(client, share):
    client.post(_accept_url(share))
    other = ShareFactory(owner=ProfileFactory(), email="rob@example.com")
    response = Client().post(_accept_url(other))
    assert response.status_code == 400
    assert "sign in to it" in response.content.decode()
    other.refresh_from_db()
    assert other.viewer is None


def test_an_invitation_never_signs_in_to_an_owners_account(dana):
    victim = ProfileFactory(user__email="sam@example.com")
    share = ShareFactory(owner=dana, email="sam@example.com")
    client = Client()
    response = client.post(_accept_url(share))
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    share.refresh_from_db()
    assert share.viewer is None
    # Signed in as herself, the owner Sam accepts it: she is also a viewer.
    client.force_login(victim.user)
    assert client.post(_accept_url(share)).status_code == 302
    share.refresh_from_db()
    assert share.viewer == victim.user


def test_an_invitation_never_signs_in_to_an_account_with_a_password(dana):
    user = UserFactory(username="rob", email="rob@example.com")
    user.set_password("a long enough password")
    user.save()
    share = ShareFactory(owner=dana, email="rob@example.com")
    assert Client().post(_accept_url(share)).status_code == 400


def test_the_owner_cannot_accept_her_own_share(dana, share):
    client = Client()
    client.force_login(dana.user)
    response = client.post(_accept_url(share))
    assert response.status_code == 400
    assert "your own share" in response.content.decode()


def test_a_revoked_or_expired_invitation_is_refused(dana):
    revoked = AcceptedShareFactory(owner=dana)
    Share.objects.filter(pk=revoked.pk).update(revoked_at="2026-11-01T00:00Z")
    assert Client().post(_accept_url(revoked)).status_code == 400


def test_guessed_invitations_are_throttled(client):
    for _ in range(THROTTLE_MAX_FAILURES):
        assert client.post(reverse("sharing:accept", args=["guess"])).status_code == 400
    response = client.post(reverse("sharing:accept", args=["guess"]))
    assert response.status_code == 429
    assert "Too many" in response.content.decode()


def test_a_signed_in_viewer_may_open_an_invitation_page(client, share):
    viewer = UserFactory(username="rob2", email="rob2@example.com")
    client.force_login(viewer)
    assert client.get(_accept_url(share)).status_code == 200
