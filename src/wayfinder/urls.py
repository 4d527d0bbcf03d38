from django.contrib import admin
from django.urls import include, path

from wayfinder.api.main import urls as api_urls
from wayfinder.guidance.views.dashboard import dashboard

# The site wires the apps together: the home page is guidance's dashboard, routed here so
# that core, the ground every app stands on, imports no app.
urlpatterns = [
    path("", dashboard, name="home"),
    # First: every API request is resolved, and no other pattern starts with api/.
    path("api/v1/", api_urls()),
    path("", include("wayfinder.core.urls")),
    path("", include("wayfinder.accounts.urls")),
    path("direction/", include("wayfinder.direction.urls")),
    path("plan/", include("wayfinder.plan.urls")),
    path("experiments/", include("wayfinder.experiments.urls")),
    path("welcome/", include("wayfinder.onboarding.urls")),
    path("search/", include("wayfinder.search.urls")),
    path("people/", include("wayfinder.network.urls")),
    path("wins/", include("wayfinder.wins.urls")),
    path("conversations/", include("wayfinder.conversations.urls")),
    path("reflection/", include("wayfinder.reflection.urls")),
    path("settings/", include("wayfinder.guidance.urls")),
    path("data/", include("wayfinder.portability.urls")),
    path("sharing/", include("wayfinder.sharing.urls")),
    path("advocacy/", include("wayfinder.advocacy.urls")),
    path("mentoring/", include("wayfinder.mentoring.urls")),
    path("settings/tokens/", include("wayfinder.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("wayfinder.calendars.urls")),
    path("", include("wayfinder.operations.urls")),
]
