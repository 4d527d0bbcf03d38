from django.urls import path

from wayfinder.api import views

app_name = "tokens"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="revoke"),
]
