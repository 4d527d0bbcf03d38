from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "wayfinder.onboarding"
    label = "onboarding"
