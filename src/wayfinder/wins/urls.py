from django.urls import path

from wayfinder.wins.views import ledger, wins

app_name = "wins"

urlpatterns = [
    path("", wins.wins, name="wins"),
    path("new/", wins.win_new, name="win-new"),
    path("<int:pk>/", wins.win_detail, name="win"),
    path("<int:pk>/edit/", wins.win_edit, name="win-edit"),
    path("<int:pk>/delete/", wins.win_remove, name="win-delete"),
    path("<int:pk>/metrics/", ledger.metric_add, name="metric-add"),
    path("<int:pk>/metrics/<int:metric_pk>/remove/", ledger.metric_remove, name="metric-remove"),
    path("<int:pk>/collaborators/", ledger.collaborators_set, name="collaborators"),
    path("<int:pk>/audience/", ledger.audience_add, name="audience-add"),
    path(
        "<int:pk>/audience/<int:person_pk>/remove/", ledger.audience_remove, name="audience-remove"
    ),
]
