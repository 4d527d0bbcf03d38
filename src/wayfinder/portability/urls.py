from django.urls import path

from wayfinder.portability.views import downloads, your_data

app_name = "portability"

urlpatterns = [
    path("", your_data.your_data, name="data"),
    path("export.json", your_data.export_download, name="export"),
    path("backup.sqlite3", your_data.backup_download, name="backup"),
    path("import/", your_data.import_upload, name="import"),
    path("import/confirm/", your_data.import_confirm, name="import-confirm"),
    path("brag-doc/", downloads.brag_doc, name="brag-doc"),
    path("resume.json", downloads.resume_json, name="resume-json"),
]
