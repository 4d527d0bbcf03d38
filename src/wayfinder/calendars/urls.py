from django.urls import path

from wayfinder.calendars.views import feed, settings

app_name = "calendars"

urlpatterns = [
    path("calendar/<str:token>.ics", feed.calendar_feed, name="feed"),
    path("settings/calendar/", settings.calendar_settings, name="settings"),
    path(
        "conversations/<int:pk>/calendar.ics",
        feed.conversation_download,
        name="conversation-download",
    ),
]
