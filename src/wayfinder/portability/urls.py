from django.urls import path

from wayfinder.portability import views

app_name = "portability"

urlpatterns = [
    path("brag-doc/", views.brag_doc, name="brag-doc"),
    path("resume.json", views.resume_json, name="resume-json"),
]
