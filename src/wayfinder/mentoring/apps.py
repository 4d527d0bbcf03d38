from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "wayfinder.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring programs"
