from django.urls import path

from wayfinder.conversations.views import agenda, agreed_actions, conversations

app_name = "conversations"

urlpatterns = [
    path("", conversations.conversations, name="conversations"),
    path("new/", conversations.conversation_new, name="conversation-new"),
    path("record/", conversations.conversation_record_new, name="conversation-record-new"),
    path("<int:pk>/", conversations.conversation_detail, name="conversation"),
    path("<int:pk>/record/", conversations.conversation_record_planned, name="conversation-record"),
    path("<int:pk>/agenda/", agenda.conversation_agenda_draft, name="conversation-agenda"),
    path("<int:pk>/export.md", agenda.conversation_export, name="conversation-export"),
    path("<int:pk>/edit/", conversations.conversation_edit, name="conversation-edit"),
    path("<int:pk>/cancel/", conversations.conversation_call_off, name="conversation-cancel"),
    path("<int:pk>/delete/", conversations.conversation_remove, name="conversation-delete"),
    path("<int:pk>/actions/", agreed_actions.agreed_action_new, name="agreed-action-new"),
    path("actions/<int:pk>/done/", agreed_actions.agreed_action_finish, name="agreed-action-done"),
    path("actions/<int:pk>/plan/", agreed_actions.agreed_action_plan, name="agreed-action-plan"),
    path(
        "actions/<int:pk>/delete/",
        agreed_actions.agreed_action_remove,
        name="agreed-action-delete",
    ),
]
