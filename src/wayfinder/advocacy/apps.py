from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "wayfinder.advocacy"
    label = "advocacy"
