from django.urls import path

from wayfinder.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.programs, name="programs"),
    path("new/", views.program_new, name="program-new"),
    path("<int:pk>/", views.program_detail, name="program"),
    path("<int:pk>/mentee/", views.mentee_opt_in_page, name="mentee-opt-in"),
    path("<int:pk>/mentor/", views.mentor_opt_in_page, name="mentor-opt-in"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/run/", views.run, name="run"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("pairs/<int:pk>/pin/", views.match_pin_view, name="match-pin"),
    path("pairs/<int:pk>/forbid/", views.match_forbid_view, name="match-forbid"),
    path("pairs/<int:pk>/release/", views.match_release_view, name="match-release"),
    path("pairs/<int:pk>/accept/", views.match_accept_view, name="match-accept"),
    path("pairs/<int:pk>/decline/", views.match_decline_view, name="match-decline"),
]
