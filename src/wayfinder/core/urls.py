from django.urls import path

from wayfinder.core import views
from wayfinder.guidance.views import dashboard

app_name = "core"

urlpatterns = [
    path("", dashboard, name="home"),
    path("profile/", views.profile, name="profile"),
    path("health/", views.health, name="health"),
]
