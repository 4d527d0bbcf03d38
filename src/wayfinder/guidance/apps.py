from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "wayfinder.guidance"
    label = "guidance"
