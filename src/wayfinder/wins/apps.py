from django.apps import AppConfig


class WinsConfig(AppConfig):
    name = "wayfinder.wins"
    label = "wins"
