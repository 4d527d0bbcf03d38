from django.urls import path

from wayfinder.network.views import interactions, people, people_import, person

app_name = "network"

urlpatterns = [
    path("", people.people_grid_page, name="people"),
    path("list/", people.people_list, name="people-list"),
    path("new/", people.person_new, name="person-new"),
    path("import/", people_import.people_import_upload, name="people-import"),
    path("import/columns/", people_import.people_import_mapping, name="people-import-mapping"),
    path("import/confirm/", people_import.people_import_confirm, name="people-import-confirm"),
    path("to-place/", people_import.people_to_place, name="people-to-place"),
    path("people.vcf", people_import.people_vcards, name="people-vcards"),
    path("<int:pk>/", person.person_detail, name="person"),
    path("<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("<int:pk>/archive/", people.person_archive_toggle, name="person-archive"),
    path("<int:pk>/delete/", people.person_remove, name="person-delete"),
    path("<int:pk>/log/", person.person_log, name="person-log"),
    path("<int:pk>/roles/", person.person_role_assign, name="person-role-assign"),
    path("<int:pk>/roles/end/", person.person_role_end, name="person-role-end"),
    path("interactions/", interactions.interactions, name="interactions"),
    path("interactions/new/", interactions.interaction_new, name="interaction-new"),
    path("interactions/<int:pk>/", interactions.interaction_detail, name="interaction"),
    path("interactions/<int:pk>/edit/", interactions.interaction_edit, name="interaction-edit"),
    path(
        "interactions/<int:pk>/delete/", interactions.interaction_remove, name="interaction-delete"
    ),
]
