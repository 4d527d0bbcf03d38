from django.urls import path

from wayfinder.core.views import pages, positions

app_name = "core"

urlpatterns = [
    path("profile/", pages.profile, name="profile"),
    path("profile/roles/new/", positions.position_new, name="position-new"),
    path("profile/roles/<int:pk>/", positions.position_edit, name="position-edit"),
    path("profile/roles/<int:pk>/delete/", positions.position_remove, name="position-delete"),
    path("health/", pages.health, name="health"),
]
