from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    # Not "calendar": that would shadow the standard library's module of the same name.
    name = "wayfinder.calendars"
    label = "calendars"
    verbose_name = "calendar feed"
