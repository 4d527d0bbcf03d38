from django.urls import path

from wayfinder.core.views import pages

app_name = "core"

urlpatterns = [
    path("profile/", pages.profile, name="profile"),
    path("health/", pages.health, name="health"),
]
