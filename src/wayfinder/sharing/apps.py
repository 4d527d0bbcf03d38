from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "wayfinder.sharing"
    label = "sharing"
