from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "wayfinder.plan"
    label = "plan"
