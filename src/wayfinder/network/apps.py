from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "wayfinder.network"
    label = "network"
