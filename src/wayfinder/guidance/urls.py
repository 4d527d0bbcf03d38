from django.urls import path

from wayfinder.guidance.views.settings import guidance_settings

app_name = "guidance"

urlpatterns = [
    path("guidance/", guidance_settings, name="settings"),
]
