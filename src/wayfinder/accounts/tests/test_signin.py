import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import SignInLink
from wayfinder.accounts.services import (
    THROTTLE_MAX_FAILURES,
    SignInError,
    signin_link_create,
    signin_link_redeem,
)

pytestmark = pytest.mark.django_db


def test_every_page_but_sign_in_requires_it(client):
    for url in ["/", "/profile/", "/account/password/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/signin/?next=")
    assert client.get("/signin/").status_code == 200


def test_one_time_link_signs_in_once_and_asks_for_a_password(client, owner):
    token = signin_link_create(user=owner.user, now=timezone.now())
    url = reverse("accounts:signin-link", args=[token])
    # Opening the link does not use it up (link previews must not sign anyone in).
    assert client.get(url).status_code == 200
    assert SignInLink.objects.get().used_at is None
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password")
    assert client.get("/").status_code == 200
    client.logout()
    again = client.post(url)
    assert again.status_code == 400
    assert "not valid any more" in again.content.decode()


def test_link_expires_after_15_minutes(owner):
    created = timezone.now()
    token = signin_link_create(user=owner.user, now=created)
    with pytest.raises(SignInError):
        signin_link_redeem(token=token, now=created + dt.timedelta(minutes=15))
    assert signin_link_redeem(token=token, now=created + dt.timedelta(minutes=14)) == owner.user


def test_only_the_token_hash_is_stored(owner):
    token = signin_link_create(user=owner.user, now=timezone.now())
    assert token not in SignInLink.objects.get().token_hash


def test_unknown_link_is_refused(client):
    response = client.post(reverse("accounts:signin-link", args=["made-up"]))
    assert response.status_code == 400


def test_set_password_then_sign_in_with_it_rotates_the_session(client, owner):
    client.force_login(owner.user)
    response = client.post(
        reverse("accounts:password"),
        {"new_password1": "a calm river at dawn", "new_password2": "a calm river at dawn"},
    )
    assert response.status_code == 302
    owner.user.refresh_from_db()
    assert owner.user.password.startswith("argon2")
    client.logout()
    client.get("/signin/")
    before = client.session.session_key
    response = client.post(
        "/signin/?next=/profile/",
        {"username": owner.user.username, "password": "a calm river at dawn"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    assert client.session.session_key != before


def test_sign_in_refuses_an_offsite_next(client, owner):
    owner.user.set_password("a calm river at dawn")
    owner.user.save()
    response = client.post(
        "/signin/?next=https://evil.example/",
        {"username": owner.user.username, "password": "a calm river at dawn"},
    )
    assert response["Location"] == "/"


def test_failed_sign_ins_are_throttled(client, owner):
    owner.user.set_password("a calm river at dawn")
    owner.user.save()
    for _ in range(THROTTLE_MAX_FAILURES):
        response = client.post("/signin/", {"username": owner.user.username, "password": "nope"})
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    # Even the right password is refused while throttled.
    response = client.post(
        "/signin/", {"username": owner.user.username, "password": "a calm river at dawn"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_post_and_ends_the_session(client, owner):
    client.force_login(owner.user)
    assert client.get(reverse("accounts:signout")).status_code == 405
    response = client.post(reverse("accounts:signout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_form_keeps_what_was_typed_and_shows_errors(client, owner):
    client.force_login(owner.user)
    response = client.post(
        reverse("accounts:password"), {"new_password1": "short", "new_password2": "other"}
    )
    assert response.status_code == 200
    assert "The two password fields didn" in response.content.decode()
