from django.urls import path

from wayfinder.reflection.views import journal, private, questions, reviews

app_name = "reflection"

urlpatterns = [
    path("", reviews.reviews, name="reviews"),
    path("reviews/new/", reviews.review_new, name="review-new"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/complete/", reviews.review_finish, name="review-complete"),
    path("reviews/<int:pk>/delete/", reviews.review_remove, name="review-delete"),
    path("journal/", journal.journal_page, name="journal"),
    path("journal/new/", journal.entry_new, name="entry-new"),
    path("journal/<int:pk>/", journal.entry_detail, name="entry"),
    path("journal/<int:pk>/edit/", journal.entry_edit, name="entry-edit"),
    path("journal/<int:pk>/delete/", journal.entry_remove, name="entry-delete"),
    path("questions/", questions.questions, name="questions"),
    path("private/", private.private_page, name="private"),
    path("private/backup-plan/", private.backup_plan_page, name="backup-plan"),
    path("private/new/", private.note_new, name="note-new"),
    path("private/<int:pk>/", private.note_detail, name="note"),
    path("private/<int:pk>/edit/", private.note_edit, name="note-edit"),
    path("private/<int:pk>/delete/", private.note_remove, name="note-delete"),
]
