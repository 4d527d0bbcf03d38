from django.urls import path

from wayfinder.direction.views import ambition, goals, paths

app_name = "direction"

urlpatterns = [
    path("ambition/", ambition.ambition, name="ambition"),
    path("ambition/new/", ambition.ambition_new, name="ambition-new"),
    path("ambition/reviewed/", ambition.ambition_mark_reviewed, name="ambition-reviewed"),
    path("ambition/compare/", ambition.ambition_compare, name="ambition-compare"),
    path("ambition/v<int:version>/", ambition.ambition_version, name="ambition-version"),
    path("paths/", paths.paths, name="paths"),
    path("paths/new/", paths.path_new, name="path-new"),
    path("paths/<int:pk>/", paths.path_detail, name="path"),
    path("paths/<int:pk>/edit/", paths.path_edit, name="path-edit"),
    path("paths/<int:pk>/verdict/", paths.path_verdict, name="path-verdict"),
    path("paths/<int:pk>/delete/", paths.path_remove, name="path-delete"),
    path("goals/", goals.goals, name="goals"),
    path("goals/new/", goals.goal_new, name="goal-new"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/status/", goals.goal_status, name="goal-status"),
    path("goals/<int:pk>/delete/", goals.goal_remove, name="goal-delete"),
    path("goals/<int:pk>/progress/", goals.goal_check_in, name="goal-check-in"),
    path(
        "goals/<int:pk>/progress/<int:check_in_pk>/delete/",
        goals.goal_check_in_remove,
        name="goal-check-in-delete",
    ),
]
