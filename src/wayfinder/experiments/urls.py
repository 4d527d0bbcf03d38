from django.urls import path

from wayfinder.experiments.views import experiments

app_name = "experiments"

urlpatterns = [
    path("", experiments.experiments, name="experiments"),
    path("new/", experiments.experiment_new, name="experiment-new"),
    path("<int:pk>/", experiments.experiment_detail, name="experiment"),
    path("<int:pk>/edit/", experiments.experiment_edit, name="experiment-edit"),
    path("<int:pk>/start/", experiments.experiment_begin, name="experiment-start"),
    path("<int:pk>/check-ins/", experiments.experiment_check_in_add, name="experiment-check-in"),
    path("<int:pk>/conclude/", experiments.experiment_decide, name="experiment-conclude"),
    path("<int:pk>/adapt/", experiments.experiment_adapt, name="experiment-adapt"),
    path("<int:pk>/delete/", experiments.experiment_remove, name="experiment-delete"),
]
