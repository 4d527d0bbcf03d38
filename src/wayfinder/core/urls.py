from django.urls import path

from wayfinder.core.views import pages
from wayfinder.guidance.views.dashboard import dashboard

app_name = "core"

urlpatterns = [
    path("", dashboard, name="home"),
    path("profile/", pages.profile, name="profile"),
    path("health/", pages.health, name="health"),
]
