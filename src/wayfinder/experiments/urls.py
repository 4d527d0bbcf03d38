from django.urls import path

from wayfinder.experiments import views

app_name = "experiments"

urlpatterns = [
    path("", views.experiments, name="experiments"),
    path("new/", views.experiment_new, name="experiment-new"),
    path("<int:pk>/", views.experiment_detail, name="experiment"),
    path("<int:pk>/edit/", views.experiment_edit, name="experiment-edit"),
    path("<int:pk>/start/", views.experiment_begin, name="experiment-start"),
    path("<int:pk>/check-ins/", views.experiment_check_in_add, name="experiment-check-in"),
    path("<int:pk>/conclude/", views.experiment_decide, name="experiment-conclude"),
    path("<int:pk>/delete/", views.experiment_remove, name="experiment-delete"),
]
