from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "wayfinder.conversations"
    label = "conversations"
