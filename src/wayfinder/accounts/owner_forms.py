"""The forms of the Owners pages and of sign-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation

from wayfinder.accounts.owner_services import INVITATION_LIFETIME
from wayfinder.core.clock import UnknownTimeZone, zone_named


class OwnerInviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text=(
            f"The sign-up link goes here. It works once, within {INVITATION_LIFETIME.days} days."
        ),
    )
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=150,
        help_text="How the invitation greets them; they can change it when they sign up.",
    )


class SignUpRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        help_text="We send your sign-up link here, so it must be yours.",
    )
    name = forms.CharField(label="Your name", required=False, max_length=150)


class SignUpForm(forms.Form):
    """The account a sign-up link makes: a username, a name, a time zone and a password."""

    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="You sign in with it. Letters, digits and @ . + - _ only.",
    )
    display_name = forms.CharField(
        label="Your name", required=False, max_length=150, help_text="Shown at the top of pages."
    )
    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="Where you are, e.g. Europe/London: due dates and “today” follow it.",
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["time_zone"].initial = settings.TIME_ZONE

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip()

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        try:
            zone_named(name)
        except UnknownTimeZone:
            raise forms.ValidationError(
                f"{name!r} is not a time zone: use a name like Europe/London."
            ) from None
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            user = get_user_model()(username=cleaned.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OwnerDeleteForm(forms.Form):
    """Deleting an owner is typed out: their username, exactly."""

    confirm = forms.CharField(label="Type the owner's username to confirm", max_length=150)

    def __init__(self, *args: Any, username: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.username = username

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed != self.username:
            raise forms.ValidationError(
                f"Type {self.username} exactly to delete this owner; nothing was deleted."
            )
        return typed
