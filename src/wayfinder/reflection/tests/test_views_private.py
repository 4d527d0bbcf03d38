import pytest
from django.urls import reverse

from wayfinder.reflection.models import PrivateNote, PrivateNoteKind
from wayfinder.reflection.tests.factories import PrivateNoteFactory

pytestmark = pytest.mark.django_db

PRIVATE = "for your eyes only: left out of the narrative, the agenda and resume.json"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_private_page_is_marked_private_and_invites_a_backup_plan(signed_in, owner):
    content = signed_in.get(reverse("reflection:private")).content.decode()
    assert PRIVATE in content
    assert "Write it" in content
    PrivateNoteFactory(owner=owner, title="The offer from Contoso")
    content = signed_in.get(reverse("reflection:private")).content.decode()
    assert "The offer from Contoso" in content


def test_reading_the_backup_plan_creates_nothing_saving_creates_one(signed_in, owner):
    url = reverse("reflection:backup-plan")
    content = signed_in.get(url).content.decode()
    assert PRIVATE in content
    assert not PrivateNote.objects.exists()
    signed_in.post(url, {"body": "Talk to Contoso; keep the consulting network warm."})
    signed_in.post(url, {"body": "Contoso first."})
    plan = PrivateNote.objects.for_owner(owner).get()
    assert (plan.kind, plan.body) == (PrivateNoteKind.BACKUP_PLAN, "Contoso first.")
    assert plan.get_absolute_url() == url
    assert "Contoso first." in signed_in.get(url).content.decode()


def test_write_edit_and_delete_a_note(signed_in, owner):
    response = signed_in.post(
        reverse("reflection:note-new"), {"title": "  ", "body": "Draft thoughts"}
    )
    assert "This field is required." in response.content.decode()
    assert "Draft thoughts" in response.content.decode()
    response = signed_in.post(
        reverse("reflection:note-new"), {"title": "Reorg rumours", "body": "Draft thoughts"}
    )
    note = PrivateNote.objects.for_owner(owner).get()
    assert response["Location"] == note.get_absolute_url()
    assert PRIVATE in signed_in.get(note.get_absolute_url()).content.decode()
    signed_in.post(
        reverse("reflection:note-edit", args=[note.pk]), {"title": "Reorg", "body": "Settled"}
    )
    note.refresh_from_db()
    assert (note.title, note.body) == ("Reorg", "Settled")
    signed_in.post(reverse("reflection:note-delete", args=[note.pk]))
    assert not PrivateNote.objects.exists()


def test_the_backup_plan_is_not_a_plain_note(signed_in, owner):
    plan = PrivateNoteFactory(owner=owner, kind=PrivateNoteKind.BACKUP_PLAN, title="Backup plan")
    assert signed_in.get(reverse("reflection:note", args=[plan.pk])).status_code == 404


@pytest.mark.parametrize("name", ["note", "note-edit", "note-delete"])
def test_another_owners_note_is_not_found(signed_in, outsider, name):
    theirs = PrivateNoteFactory(owner=outsider, title="Theirs")
    url = reverse(f"reflection:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"title": "Mine"}).status_code == 404
    assert PrivateNote.objects.filter(pk=theirs.pk, title="Theirs").exists()


def test_another_owners_backup_plan_is_never_shown(signed_in, outsider):
    PrivateNoteFactory(owner=outsider, kind=PrivateNoteKind.BACKUP_PLAN, body="Their secret")
    assert "Their secret" not in signed_in.get(reverse("reflection:backup-plan")).content.decode()
    assert "Their secret" not in signed_in.get(reverse("reflection:private")).content.decode()


def test_private_page_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    PrivateNoteFactory.create_batch(2, owner=owner)
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("reflection:private"))
    PrivateNoteFactory(owner=owner, kind=PrivateNoteKind.BACKUP_PLAN, body="Plan B")
    PrivateNoteFactory.create_batch(30, owner=owner)
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("reflection:private"))
