from django.urls import path

from wayfinder.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.role, name="role"),
    path("ambition/", views.ambition, name="ambition"),
    path("goals/", views.goals, name="goals"),
    path("done/", views.done, name="done"),
    path("skip/", views.skip, name="skip"),
]
