import pytest
from django.db import IntegrityError, transaction

from wayfinder.reflection.models import PrivateNote, PrivateNoteKind
from wayfinder.reflection.selectors import private_notes
from wayfinder.reflection.services import (
    ReflectionError,
    backup_plan_get_or_create,
    private_note_delete,
    private_note_update,
    private_note_write,
)
from wayfinder.reflection.tests.factories import PrivateNoteFactory

pytestmark = pytest.mark.django_db


def test_write_update_and_delete_a_private_note(owner):
    note = private_note_write(owner=owner, title="  Talk to  recruiter ", body=" Maybe ")
    assert (note.kind, note.title, note.body) == ("note", "Talk to recruiter", "Maybe")
    private_note_update(owner=owner, note=note, body="Called; follow up in May")
    note.refresh_from_db()
    assert (note.title, note.body) == ("Talk to recruiter", "Called; follow up in May")
    private_note_delete(owner=owner, note=note)
    assert not PrivateNote.objects.exists()


def test_private_notes_refuse_bad_input_and_others(owner, outsider):
    with pytest.raises(ReflectionError, match="needs a title"):
        private_note_write(owner=owner, title=" ")
    with pytest.raises(ReflectionError, match="under 200"):
        private_note_write(owner=owner, title="x" * 201)
    note = PrivateNoteFactory(owner=owner)
    with pytest.raises(TypeError, match="kind"):
        private_note_update(owner=owner, note=note, kind=PrivateNoteKind.BACKUP_PLAN)
    theirs = PrivateNoteFactory(owner=outsider, body="Theirs")
    with pytest.raises(ReflectionError, match="private note is not one of yours"):
        private_note_update(owner=owner, note=theirs, body="Mine")
    with pytest.raises(ReflectionError, match="private note is not one of yours"):
        private_note_delete(owner=owner, note=theirs)
    theirs.refresh_from_db()
    assert theirs.body == "Theirs"
    assert PrivateNote.objects.for_owner(owner).count() == 1


def test_one_backup_plan_per_owner(owner, outsider):
    plan = backup_plan_get_or_create(owner=owner)
    assert (plan.kind, plan.title, plan.body) == ("backup_plan", "Backup plan", "")
    private_note_update(owner=owner, note=plan, body="Consultancy; a CMO role at a scale-up")
    again = backup_plan_get_or_create(owner=owner)
    assert again.pk == plan.pk and again.body.startswith("Consultancy")
    theirs = backup_plan_get_or_create(owner=outsider)
    assert theirs.pk != plan.pk and theirs.owner == outsider
    assert PrivateNote.objects.filter(kind=PrivateNoteKind.BACKUP_PLAN).count() == 2


def test_private_notes_list_the_backup_plan_first_and_only_yours(owner, outsider):
    older = PrivateNoteFactory(owner=owner)
    plan = backup_plan_get_or_create(owner=owner)
    newer = PrivateNoteFactory(owner=owner)
    private_note_update(owner=owner, note=older, body="touched")  # now the latest changed
    PrivateNoteFactory(owner=outsider)
    assert list(private_notes(owner=owner)) == [plan, older, newer]


def test_the_database_refuses_a_second_backup_plan(owner):
    backup_plan_get_or_create(owner=owner)
    PrivateNoteFactory(owner=owner, kind=PrivateNoteKind.NOTE)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivateNoteFactory(owner=owner, kind=PrivateNoteKind.BACKUP_PLAN)
    assert PrivateNote.objects.for_owner(owner).count() == 2
