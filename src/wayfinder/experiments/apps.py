from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "wayfinder.experiments"
    label = "experiments"
