"""Accounts in the admin, for an administrator who sees no owner's private data.

For an owner's account (a user with a career profile) the administrator cannot set or see
the password, nor change the name or email address a sign-in link goes to: nothing here
lets them sign in as the owner. They can deactivate the account and email the owner a
one-time sign-in link.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from wayfinder.accounts.services import SignInError, account_deactivate, signin_link_send

User = get_user_model()

OWNER_READONLY_FIELDS = ("username", "email", "last_login", "date_joined")


def _is_owner(user: Any) -> bool:
    return user is not None and hasattr(user, "profile")


class AccountAdmin(UserAdmin):
    actions = ["send_signin_link", "deactivate"]
    list_display = ("username", "email", "is_active", "is_staff", "last_login")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if not _is_owner(obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, *OWNER_READONLY_FIELDS) if _is_owner(obj) else readonly

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if _is_owner(self.get_object(request, unquote(id))):
            raise Http404("An owner sets their own password.")
        return super().user_change_password(request, id, form_url)

    @admin.action(description="Email a one-time sign-in link to each owner's own address")
    def send_signin_link(self, request: HttpRequest, queryset: QuerySet) -> None:
        base_url = settings.WAYFINDER_BASE_URL or request.build_absolute_uri("/").rstrip("/")
        sent = 0
        for user in queryset:
            try:
                signin_link_send(user=user, base_url=base_url, now=timezone.now())
            except SignInError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(request, f"Sign-in link sent to {sent} account(s).", messages.SUCCESS)

    @admin.action(description="Deactivate: the account can no longer sign in")
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for user in queryset:
            if user.pk == request.user.pk:
                self.message_user(
                    request, "You cannot deactivate your own account.", messages.WARNING
                )
                continue
            account_deactivate(user=user)
            done += 1
        if done:
            self.message_user(request, f"{done} account(s) deactivated.", messages.SUCCESS)


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
