from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    # This module also holds the admin's config: say which one "wayfinder.accounts" means.
    default = True
    name = "wayfinder.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from wayfinder.accounts.addresses import trusted_proxies
        from wayfinder.accounts.sessions import session_signed_in, session_signed_out

        # A mistyped WAYFINDER_TRUSTED_PROXIES stops the start, not the first sign-in.
        trusted_proxies()
        # Django's own sign-in hooks: every way in (password, link, invitation, admin) and
        # every sign-out is recorded, so the account's sessions can be listed.
        user_logged_in.connect(session_signed_in, dispatch_uid="wayfinder_session_signed_in")
        user_logged_out.connect(session_signed_out, dispatch_uid="wayfinder_session_signed_out")


class WayfinderAdminConfig(admin_apps.AdminConfig):
    """Django's admin on Wayfinder's own site: throttled login, no "view on site"."""

    default = False

    default_site = "wayfinder.accounts.admin_site.WayfinderAdminSite"
