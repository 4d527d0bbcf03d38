from django.urls import path

from wayfinder.search.views import results

app_name = "search"

urlpatterns = [path("", results.results, name="results")]
