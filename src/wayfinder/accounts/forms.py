"""The sign-in forms of the app and of the admin: one normal form of names, one throttle."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from wayfinder.accounts.addresses import client_address
from wayfinder.accounts.selectors import username_for_signin
from wayfinder.accounts.services import (
    SignInThrottled,
    signin_attempt_begin,
    signin_attempt_succeeded,
)

THROTTLED = "throttled"


class SignInForm(AuthenticationForm):
    """A username in any case or width signs in to its account; guesses are throttled.

    The attempt is counted before the password is checked, so a throttled visitor's
    password is never tried, not even a right one.
    """

    def clean_username(self) -> str:
        return username_for_signin(self.cleaned_data["username"])

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        try:
            attempt = signin_attempt_begin(
                username=username, ip_address=client_address(self.request), now=timezone.now()
            )
        except SignInThrottled as error:
            raise forms.ValidationError(str(error), code=THROTTLED) from None
        cleaned = super().clean()
        signin_attempt_succeeded(attempt=attempt)
        return cleaned

    @property
    def throttled(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, code=THROTTLED)


class AdminSignInForm(SignInForm, AdminAuthenticationForm):
    """The admin's login, counted and throttled exactly as the app's sign-in."""
