from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "wayfinder.portability"
    label = "portability"
