"""Sign-in throttling: one count per normalised name, atomic, per name and address."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory

from wayfinder.accounts.addresses import _networks, client_address
from wayfinder.accounts.models import SignInAttempt
from wayfinder.accounts.selectors import username_normalise
from wayfinder.accounts.services import (
    THROTTLE_MAX_FAILURES,
    THROTTLE_MAX_FAILURES_PER_NAME,
)
from wayfinder.core.tests.factories import UserFactory
from wayfinder.environment import ConfigurationError

PASSWORD = "a calm river at dawn"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Argon2 is slow on purpose; only the concurrency test wants checks that take a while."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username: str, *, is_staff: bool = False):
    user = UserFactory(username=username, is_staff=is_staff)
    user.set_password(PASSWORD)
    user.save()
    return user


def _signin(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        "/signin/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_normal_form_is_nfkc_stripped_and_case_folded():
    spellings = ["bob", "bob ", " bob", "bob\t", "ｂｏｂ", "BOB", "Bob\u3000"]
    assert {username_normalise(name) for name in spellings} == {"bob"}
    assert username_normalise("Straße") == username_normalise("STRASSE")


@pytest.mark.django_db
def test_every_spelling_of_a_name_counts_against_the_same_limit(client):
    _user("bob")
    spellings = ["bob ", "ｂｏｂ", "bob\t", "BOB", "Bob"]
    assert len(spellings) == THROTTLE_MAX_FAILURES
    for name in spellings:
        assert _signin(client, name, "wrong guess").status_code == 200
    # Before, each spelling got a fresh five: here even the right password is refused.
    response = _signin(client, "bob", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert set(SignInAttempt.objects.values_list("username", flat=True)) == {"bob"}


@pytest.mark.django_db
def test_sign_in_accepts_the_name_in_any_case_or_width(client):
    bob = _user("bob")
    response = _signin(client, "ＢＯＢ ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


@pytest.mark.django_db
def test_of_two_names_differing_only_in_case_the_exact_one_signs_in(client):
    _user("Bob")
    bob = _user("bob")
    assert _signin(client, "bob", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


@pytest.mark.django_db
def test_one_users_failures_do_not_lock_others_out_of_that_address(client):
    _user("bob")
    alice = _user("alice")
    for _ in range(THROTTLE_MAX_FAILURES):
        _signin(client, "bob", "wrong guess")
    assert _signin(client, "bob", PASSWORD).status_code == 429
    response = _signin(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


@pytest.mark.django_db
def test_a_guesser_elsewhere_does_not_lock_the_owner_out_until_the_name_limit(client):
    bob = _user("bob")
    for _ in range(THROTTLE_MAX_FAILURES):
        _signin(client, "bob", "wrong guess", address="203.0.113.66")
    assert _signin(client, "bob", PASSWORD, address="203.0.113.66").status_code == 429
    response = _signin(Client(), "bob", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert SignInAttempt.objects.get(succeeded=True).ip_address == "198.51.100.7"
    assert bob.pk


@pytest.mark.django_db
def test_guesses_spread_over_many_addresses_hit_the_per_name_limit(client):
    _user("bob")
    for n in range(THROTTLE_MAX_FAILURES_PER_NAME):
        _signin(client, "bob", "wrong guess", address=f"192.0.2.{n + 1}")
    assert _signin(client, "bob", PASSWORD, address="198.51.100.7").status_code == 429


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_evaluate_at_most_the_limit(monkeypatch, settings):
    """20 bad attempts at once: the count and the record are one step, so only 5 are checked."""
    # Real (slow) password checks, as in production: the window a race would need is wide.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    _user("bob")
    user_model = get_user_model()
    original = user_model.check_password
    checked = []
    lock = threading.Lock()

    def counted(self, raw_password):
        with lock:
            checked.append(raw_password)
        return original(self, raw_password)

    monkeypatch.setattr(user_model, "check_password", counted)
    attempts = 20
    start = threading.Barrier(attempts)
    statuses: list[int] = []

    def guess(n: int) -> None:
        try:
            client = Client()
            start.wait()
            status = _signin(client, "bob", f"wrong guess {n}").status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == attempts
    assert len(checked) <= THROTTLE_MAX_FAILURES
    # Each attempt was either checked (the form again, 200) or refused unchecked: throttled
    # (429), or, on a heavily loaded machine, told the database is busy (503).
    assert set(statuses) <= {200, 429, 503}
    assert statuses.count(200) == len(checked)
    assert statuses.count(429) >= 1
    assert SignInAttempt.objects.count() == len(checked)


@pytest.mark.django_db
def test_the_admin_login_is_throttled_and_recorded_the_same_way(client):
    _user("root", is_staff=True)
    for name in ["root", "ROOT", "root ", "ｒｏｏｔ"]:
        response = client.post("/admin/login/", {"username": name, "password": "wrong guess"})
        assert response.status_code == 200
    # The app's sign-in and the admin's login share one count.
    assert _signin(client, "root", "wrong guess").status_code == 200
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInAttempt.objects.filter(username="root", succeeded=False).count() == 5


@pytest.mark.django_db
def test_the_admin_login_still_signs_in_staff(client):
    root = _user("root", is_staff=True)
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(root.pk)
    assert SignInAttempt.objects.get().succeeded


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    settings.WAYFINDER_TRUSTED_PROXIES = []
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_trusted_proxy_names_the_client(settings):
    settings.WAYFINDER_TRUSTED_PROXIES = ["10.0.0.1", "fd00::/8"]
    assert client_address(_request("10.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # What the client wrote itself, left of what the proxy saw, is not believed.
    assert client_address(_request("10.0.0.1", "1.1.1.1, 203.0.113.9")) == "203.0.113.9"
    # A chain of trusted proxies is walked back to the first untrusted address.
    assert client_address(_request("fd00::2", "203.0.113.9, 10.0.0.1")) == "203.0.113.9"
    # Only a request from a trusted proxy: anyone else's header is ignored.
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert client_address(_request("10.0.0.1", "not an address")) == "10.0.0.1"
    assert client_address(_request("10.0.0.1")) == "10.0.0.1"


def test_a_mistyped_trusted_proxy_is_one_clear_error():
    with pytest.raises(ConfigurationError, match=r"WAYFINDER_TRUSTED_PROXIES: 'proxy\.local'"):
        _networks(("10.0.0.1", "proxy.local"))


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_reset_the_count(client, settings):
    settings.WAYFINDER_TRUSTED_PROXIES = []
    _user("bob")
    for n in range(THROTTLE_MAX_FAILURES):
        client.post(
            "/signin/",
            {"username": "bob", "password": "wrong guess"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    response = client.post(
        "/signin/", {"username": "bob", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_is_counted_apart(settings):
    settings.WAYFINDER_TRUSTED_PROXIES = ["10.0.0.1"]
    _user("bob")
    for _ in range(THROTTLE_MAX_FAILURES):
        Client().post(
            "/signin/",
            {"username": "bob", "password": "wrong guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    assert set(SignInAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}
    response = Client().post(
        "/signin/",
        {"username": "bob", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["ad\x00min", ""])
def test_a_name_the_form_refuses_is_neither_checked_nor_counted(client, username):
    _user("admin")
    response = client.post("/signin/", {"username": username, "password": "wrong guess"})
    # A form error, or the request guard's 400 for a NUL: never a 500, nothing recorded.
    assert response.status_code in (200, 400)
    assert not SignInAttempt.objects.exists()


@pytest.mark.django_db
def test_a_very_long_name_is_counted_under_its_first_150_characters(client):
    for _ in range(THROTTLE_MAX_FAILURES):
        client.post("/signin/", {"username": "x" * 400, "password": "wrong guess"})
    response = client.post("/signin/", {"username": "x" * 300, "password": "wrong guess"})
    assert response.status_code == 429
    assert set(SignInAttempt.objects.values_list("username", flat=True)) == {"x" * 150}
