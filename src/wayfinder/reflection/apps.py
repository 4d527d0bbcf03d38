from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "wayfinder.reflection"
    label = "reflection"
