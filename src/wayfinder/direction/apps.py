from django.apps import AppConfig


class DirectionConfig(AppConfig):
    name = "wayfinder.direction"
    label = "direction"
