"""Django admin is for instance administration, never for owners' career data."""

from django.contrib import admin


def test_admin_registers_no_career_data():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert registered <= {"auth"}
