"""Django admin is for instance administration, never for owners' career data.

The administrator (a staff account with no career profile) can deactivate accounts and email
an owner a one-time sign-in link, but cannot set an owner's password, change where the link
goes, or learn through "view on site" that an owner's object exists.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from wayfinder.accounts.models import SignInLink
from wayfinder.core.tests.factories import UserFactory
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

PASSWORD = "a calm river at dawn"


def test_admin_registers_no_career_data():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert registered <= {"auth"}


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def test_view_on_site_never_confirms_an_owners_object(admin_client, owner):
    win = WinFactory(owner=owner)
    content_type = ContentType.objects.get_for_model(Win)
    existing = admin_client.get(f"/admin/r/{content_type.pk}/{win.pk}/")
    missing = admin_client.get(f"/admin/r/{content_type.pk}/{win.pk + 1000}/")
    # Before, an existing win redirected to its page and a missing one was a 404.
    assert existing.status_code == missing.status_code == 404
    assert "Location" not in existing


def test_an_owners_account_has_no_password_form(admin_client, owner):
    page = admin_client.get(_change_url(owner.user))
    assert page.status_code == 200
    assert 'name="password"' not in page.content.decode()
    assert "../password/" not in page.content.decode()
    set_password = reverse("admin:auth_user_password_change", args=[owner.user.pk])
    assert admin_client.get(set_password).status_code == 404
    response = admin_client.post(
        set_password,
        {"password1": "the admin's choice 1", "password2": "the admin's choice 1"},
    )
    assert response.status_code == 404
    owner.user.refresh_from_db()
    assert not owner.user.has_usable_password()


def test_the_admin_cannot_redirect_an_owners_sign_in_link(admin_client, owner):
    before = (owner.user.username, owner.user.email)
    response = admin_client.post(
        _change_url(owner.user),
        {
            "username": "taken-over",
            "email": "admin@evil.example",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    owner.user.refresh_from_db()
    assert (owner.user.username, owner.user.email) == before


def test_an_administrators_own_account_keeps_its_password_form(admin_client):
    other_admin = UserFactory(username="second-admin", is_staff=True)
    url = reverse("admin:auth_user_password_change", args=[other_admin.pk])
    assert admin_client.get(url).status_code == 200


def test_the_admin_can_deactivate_an_account(admin_client, client, owner, outsider):
    from django.test import Client

    owners_browser = Client()
    owners_browser.force_login(owner.user)
    assert owners_browser.get("/").status_code == 200
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [owner.user.pk]},
    )
    assert response.status_code == 302
    owner.user.refresh_from_db()
    outsider.user.refresh_from_db()
    assert not owner.user.is_active
    assert outsider.user.is_active
    # The owner's open session ends with it.
    assert owners_browser.get("/").status_code == 302


def test_the_admin_cannot_deactivate_themself(admin_client, administrator):
    admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [administrator.pk]},
    )
    administrator.refresh_from_db()
    assert administrator.is_active


def test_the_admin_emails_an_owner_a_sign_in_link_to_their_own_address(
    admin_client, owner, outsider, settings
):
    settings.WAYFINDER_BASE_URL = "https://wayfinder.example.com"
    outsider.user.email = ""
    outsider.user.save()
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "send_signin_link", "_selected_action": [owner.user.pk, outsider.user.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Sign-in link sent to 1 account(s)." in page
    assert "has no email address" in page
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.user.email]
    link = re.search(r"https://wayfinder\.example\.com(/signin/link/[^/\s]+/)", message.body)
    assert link is not None
    # The administrator's page never shows the token.
    assert link.group(1) not in page
    assert SignInLink.objects.filter(user=owner.user).count() == 1
    # The owner follows it, and may set a new password without the old one.
    owner.user.set_password("forgotten long ago 42")
    owner.user.save()
    from django.test import Client

    owners_browser = Client()
    signed_in = owners_browser.post(link.group(1))
    assert signed_in["Location"] == reverse("accounts:password")
    saved = owners_browser.post(
        reverse("accounts:password"), {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert saved.status_code == 302
    owner.user.refresh_from_db()
    assert owner.user.check_password(PASSWORD)
    # Once set, changing it again asks for the current one.
    again = owners_browser.get(reverse("accounts:password"))
    assert "old_password" in again.content.decode()


def test_no_link_is_sent_to_a_deactivated_account(admin_client, owner):
    owner.user.is_active = False
    owner.user.save()
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "send_signin_link", "_selected_action": [owner.user.pk]},
        follow=True,
    )
    assert "is deactivated: no link sent" in response.content.decode()
    assert mail.outbox == []
    assert not SignInLink.objects.exists()


def test_users_in_the_admin_are_the_accounts(admin_client, owner):
    page = admin_client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert owner.user.username in page
    assert get_user_model().objects.count() == 2
