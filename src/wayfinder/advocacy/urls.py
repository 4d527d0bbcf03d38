from django.urls import path

from wayfinder.advocacy.views import assessment, ladders
from wayfinder.advocacy.views import narrative as narratives

app_name = "advocacy"

urlpatterns = [
    path("", assessment.readiness_view, name="readiness"),
    path("readiness/<int:pk>/action/", assessment.gap_action, name="gap-action"),
    path("assessments/", assessment.assessments, name="assessments"),
    path("assessments/new/", assessment.assessment_new, name="assessment-new"),
    path("assessments/compare/", assessment.assessment_compare_view, name="assessment-compare"),
    path("ladders/", ladders.ladders, name="ladders"),
    path("ladders/sample/", ladders.ladder_sample_import, name="ladder-sample"),
    path("ladders/upload/", ladders.ladder_upload, name="ladder-upload"),
    path("ladders/guide/", ladders.ladder_guide, name="ladder-guide"),
    path("ladders/<int:pk>/", ladders.ladder_detail, name="ladder"),
    path("ladders/<int:pk>/delete/", ladders.ladder_remove, name="ladder-delete"),
    path("wins/<int:pk>/competencies/", ladders.win_competencies, name="win-competencies"),
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
