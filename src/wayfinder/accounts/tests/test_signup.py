"""Sign-up: the invitation's link, and self sign-up as WAYFINDER_SIGNUP allows it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse

from wayfinder.accounts.models import OwnerInvitation
from wayfinder.accounts.tests.factories import invitation_and_token
from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.models import Profile
from wayfinder.core.tests.jobs import jobs_run
from wayfinder.environment import ConfigurationError, env_signup

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")
PASSWORD = "a calm river at dawn"


def _form(**changes: str) -> dict[str, str]:
    return {
        "username": "priya",
        "display_name": "Priya Shah",
        "time_zone": "Europe/London",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


@pytest.fixture
def no_mail(settings):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""


# --- The setting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "mode"),
    [
        (None, "invite"),
        ("", "invite"),
        (" Open ", "open"),
        ("invite", "invite"),
        ("domain:Example.com", "domain:example.com"),
        ("domain: a.org, @b.org", "domain:a.org,b.org"),
    ],
)
def test_the_sign_up_setting_is_read_in_a_normal_form(monkeypatch, raw, mode):
    if raw is None:
        monkeypatch.delenv("WAYFINDER_SIGNUP", raising=False)
    else:
        monkeypatch.setenv("WAYFINDER_SIGNUP", raw)
    assert env_signup("WAYFINDER_SIGNUP") == mode


@pytest.mark.parametrize("raw", ["anyone", "domain:", "domain:localhost", "domain:a@b.org"])
def test_a_mistyped_sign_up_setting_is_refused_by_name(monkeypatch, raw):
    monkeypatch.setenv("WAYFINDER_SIGNUP", raw)
    with pytest.raises(ConfigurationError, match="WAYFINDER_SIGNUP must be invite, open or"):
        env_signup("WAYFINDER_SIGNUP")


def test_a_mistyped_sign_up_setting_stops_the_start_in_one_line(tmp_path):
    env = {**os.environ, "WAYFINDER_SIGNUP": "everyone", "WAYFINDER_SECRET_KEY": "test-only"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "wayfinder", "--data-dir", str(tmp_path / "d"), "init"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "wayfinder init: configuration: WAYFINDER_SIGNUP must be invite, open or "
        "domain:example.com (got 'everyone')"
    )


# --- The invitation's link ------------------------------------------------------------------


def test_the_link_shows_a_form_and_signs_the_new_owner_in(client):
    invitation, token = invitation_and_token(email="priya@example.com")
    url = reverse("accounts:signup-invitation", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "priya@example.com" in text and 'value="priya"' in text  # username suggested
    response = client.post(url, _form())
    assert response.status_code == 302
    profile = Profile.objects.get(user__username="priya")
    assert client.session["_auth_user_id"] == str(profile.user.pk)
    assert profile.user.email == "priya@example.com"
    invitation.refresh_from_db()
    assert invitation.accepted_by == profile.user


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "something else"}, "The two passwords differ."),
        ({"password1": "short", "password2": "short"}, "too short"),
        ({"time_zone": "Mars/Olympus"}, "is not a time zone"),
        ({"username": ""}, "This field is required."),
    ],
)
def test_a_mistake_re_renders_with_the_reason_and_makes_no_account(client, changes, message):
    _, token = invitation_and_token()
    response = client.post(reverse("accounts:signup-invitation", args=[token]), _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}, "already used"),
        ({"cancelled_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}, "was cancelled"),
        ({"expires_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}, "has expired"),
        (None, "is not valid"),
    ],
)
def test_a_used_cancelled_expired_or_unknown_link_says_so(client, state, message):
    token = invitation_and_token(**state)[1] if state is not None else "not-a-token"
    url = reverse("accounts:signup-invitation", args=[token])
    for response in (client.get(url), client.post(url, _form())):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Profile.objects.exists()


def test_guessing_links_is_throttled(client):
    _, token = invitation_and_token()
    url = reverse("accounts:signup-invitation", args=[token])
    statuses = [client.post(url, _form(password2="wrong")).status_code for _ in range(6)]
    assert statuses[:5] == [400] * 5 and statuses[5] == 429
    assert client.post(url, _form()).status_code == 429
    assert not Profile.objects.exists()


# --- Self sign-up --------------------------------------------------------------------------


def test_by_invitation_only_the_page_says_so_and_takes_nothing(client, settings):
    settings.WAYFINDER_SIGNUP = "invite"
    page = client.get(SIGNUP)
    assert page.status_code == 200 and "by invitation only" in page.content.decode()
    client.post(SIGNUP, {"email": "priya@example.com"})
    assert not OwnerInvitation.objects.exists()
    assert "Sign up" not in client.get(reverse("accounts:signin")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_open_sign_up_emails_a_link_to_prove_the_address(client, settings):
    settings.WAYFINDER_SIGNUP = "open"
    assert 'href="/signup/"' in client.get(reverse("accounts:signin")).content.decode()
    response = client.post(SIGNUP, {"email": "priya@example.com", "name": "Priya"})
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    jobs_run()
    (message,) = mail.outbox
    assert "You asked" in message.body
    link = re.search(r"(/signup/[\w-]+/)", message.body).group(1)
    client.post(link, _form())
    assert Profile.objects.filter(user__email="priya@example.com").exists()
    assert OwnerInvitation.objects.get().self_requested


def test_open_sign_up_without_mail_goes_straight_to_the_form(client, settings, no_mail):
    settings.WAYFINDER_SIGNUP = "open"
    response = client.post(SIGNUP, {"email": "priya@example.com"})
    assert response.status_code == 302 and response["Location"].startswith("/signup/")
    assert client.get(response["Location"]).status_code == 200


def test_an_address_with_an_account_gets_the_same_answer_and_no_email(client, settings, owner):
    settings.WAYFINDER_SIGNUP = "open"
    response = client.post(SIGNUP, {"email": owner.user.email})
    assert "Check your email" in response.content.decode()
    assert not mail.outbox and not OwnerInvitation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_domain_sign_up_admits_only_its_domains(client, settings):
    settings.WAYFINDER_SIGNUP = "domain:northwind.example,contoso.example"
    assert "@northwind.example" in client.get(SIGNUP).content.decode()
    refused = client.post(SIGNUP, {"email": "priya@gmail.com"})
    assert refused.status_code == 400
    assert "addresses ending in @northwind.example or @contoso.example" in (
        refused.content.decode()
    )
    client.post(SIGNUP, {"email": "priya@Contoso.example"})
    jobs_run()
    assert mail.outbox[0].to == ["priya@contoso.example"]


def test_domain_sign_up_without_mail_cannot_check_the_address(client, settings, no_mail):
    settings.WAYFINDER_SIGNUP = "domain:northwind.example"
    response = client.post(SIGNUP, {"email": "priya@northwind.example"})
    assert response.status_code == 400
    assert "cannot check your address" in response.content.decode()
    assert not OwnerInvitation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sign_up_requests_are_throttled(client, settings):
    settings.WAYFINDER_SIGNUP = "open"
    statuses = [client.post(SIGNUP, {"email": "priya@example.com"}).status_code for _ in range(6)]
    jobs_run()
    assert statuses[-1] == 429 and len(mail.outbox) == 5


def test_a_new_owner_starts_at_onboarding(client):
    _, token = invitation_and_token()
    response = client.post(reverse("accounts:signup-invitation", args=[token]), _form())
    home = client.get(response["Location"], follow=True)
    assert home.status_code == 200
    assert home.redirect_chain[-1][0] == reverse("onboarding:role")


# --- One address, one account ---------------------------------------------------------------


def _viewer(email: str):
    """A viewer's account, as accepting a share makes it: no career record."""
    from wayfinder.core.tests.factories import UserFactory

    return UserFactory(username="rob-viewer", email=email)


def test_sign_up_refuses_a_viewers_address_on_the_field(client, settings, no_mail):
    settings.WAYFINDER_SIGNUP = "open"
    _viewer("Rob@Example.com")
    response = client.post(SIGNUP, {"email": "rob@example.COM"})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "There is already an account for rob@example.COM: sign in instead."
    ]
    assert not OwnerInvitation.objects.exists()


def test_a_viewers_address_gets_the_same_answer_and_no_email(client, settings):
    settings.WAYFINDER_SIGNUP = "open"
    _viewer("rob@example.com")
    response = client.post(SIGNUP, {"email": "ROB@example.com"})
    assert "Check your email" in response.content.decode()
    assert not mail.outbox and not OwnerInvitation.objects.exists()


def test_a_sign_up_link_for_an_address_that_became_a_viewers_makes_no_second_account(client):
    from django.contrib.auth import get_user_model

    _, token = invitation_and_token(email="rob@example.com")
    _viewer("ROB@example.com")  # accepted a share after the invitation went out
    link = reverse("accounts:signup-invitation", args=[token])
    opened = client.get(link)
    assert opened.status_code == 400
    assert "rob@example.com already has an account here: sign in with it" in (
        opened.content.decode()
    )
    posted = client.post(link, _form())
    assert posted.status_code == 400
    assert get_user_model().objects.filter(email__iexact="rob@example.com").count() == 1
    assert not Profile.objects.exists()


def test_the_administrator_cannot_invite_a_viewers_address(db):
    from wayfinder.accounts.owner_services import OwnersError, owner_invite

    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)

    _viewer("rob@example.com")
    with pytest.raises(OwnersError, match=r"rob@example\.com already has an account here"):
        owner_invite(email="rob@Example.com", invited_by=None, now=now)
    assert not OwnerInvitation.objects.exists()
