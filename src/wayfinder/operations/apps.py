from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running Wayfinder on more than one machine: background jobs, health and readiness."""

    name = "wayfinder.operations"
    label = "operations"
    verbose_name = "Operations"
