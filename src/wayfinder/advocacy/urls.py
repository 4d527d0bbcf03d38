from django.urls import path

from wayfinder.advocacy.views import narrative as narratives

app_name = "advocacy"

urlpatterns = [
    path("narratives/", narratives.narratives, name="narratives"),
    path("narratives/<int:pk>/", narratives.narrative_detail, name="narrative"),
    path(
        "narratives/<int:pk>/v<int:number>/",
        narratives.narrative_version_view,
        name="narrative-version",
    ),
    path(
        "narratives/<int:pk>/regenerate/",
        narratives.narrative_regenerate_view,
        name="narrative-regenerate",
    ),
    path("narratives/<int:pk>/delete/", narratives.narrative_remove, name="narrative-delete"),
    path(
        "narratives/<int:pk>/export.<str:kind>",
        narratives.narrative_export,
        name="narrative-export",
    ),
]
