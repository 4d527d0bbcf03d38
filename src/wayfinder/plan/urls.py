from django.urls import path

from wayfinder.plan.views import actions, opportunities, revisions

app_name = "plan"

urlpatterns = [
    path("", actions.plan, name="plan"),
    path("focus/", actions.plan_edit, name="plan-edit"),
    path("actions/new/", actions.action_new, name="action-new"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/delete/", actions.action_remove, name="action-delete"),
    path("actions/<int:pk>/start/", actions.action_begin, name="action-start"),
    path("actions/<int:pk>/complete/", actions.action_finish, name="action-complete"),
    path("actions/<int:pk>/drop/", actions.action_abandon, name="action-drop"),
    path("actions/<int:pk>/reschedule/", actions.action_move_date, name="action-reschedule"),
    path("revisions/", revisions.revisions, name="revisions"),
    path("revisions/new/", revisions.revise, name="revise"),
    path("revisions/compare/", revisions.revision_compare, name="revision-compare"),
    path("revisions/<int:number>/", revisions.revision_detail, name="revision"),
    path("opportunities/", opportunities.opportunities, name="opportunities"),
    path("opportunities/new/", opportunities.opportunity_new, name="opportunity-new"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity"),
    path("opportunities/<int:pk>/edit/", opportunities.opportunity_edit, name="opportunity-edit"),
    path(
        "opportunities/<int:pk>/status/",
        opportunities.opportunity_status,
        name="opportunity-status",
    ),
    path(
        "opportunities/<int:pk>/delete/",
        opportunities.opportunity_remove,
        name="opportunity-delete",
    ),
]
