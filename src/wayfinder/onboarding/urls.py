from django.urls import path

from wayfinder.onboarding.views import steps

app_name = "onboarding"

urlpatterns = [
    path("", steps.role, name="role"),
    path("history/", steps.history, name="history"),
    path("ambition/", steps.ambition, name="ambition"),
    path("goals/", steps.goals, name="goals"),
    path("done/", steps.done, name="done"),
    path("skip/", steps.skip, name="skip"),
]
