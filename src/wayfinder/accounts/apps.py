from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    # This module also holds the admin's config: say which one "wayfinder.accounts" means.
    default = True
    name = "wayfinder.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from wayfinder.accounts.addresses import trusted_proxies

        # A mistyped WAYFINDER_TRUSTED_PROXIES stops the start, not the first sign-in.
        trusted_proxies()


class WayfinderAdminConfig(admin_apps.AdminConfig):
    """Django's admin on Wayfinder's own site: throttled login, no "view on site"."""

    default = False

    default_site = "wayfinder.accounts.admin_site.WayfinderAdminSite"
