from django.urls import path

from wayfinder.portability.views import downloads

app_name = "portability"

urlpatterns = [
    path("brag-doc/", downloads.brag_doc, name="brag-doc"),
    path("resume.json", downloads.resume_json, name="resume-json"),
]
