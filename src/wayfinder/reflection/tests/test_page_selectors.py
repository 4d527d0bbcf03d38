import pytest

from wayfinder.reflection.models import PrivateNoteKind
from wayfinder.reflection.selectors import backup_plan, journal
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory

pytestmark = pytest.mark.django_db


def test_journal_keeps_only_the_questions_asked_for(owner, outsider):
    mine = JournalEntryFactory(owner=owner, question_key="more-of")
    JournalEntryFactory(owner=owner, question_key="less-of")
    JournalEntryFactory(owner=outsider, question_key="more-of")
    assert list(journal(owner=owner, question_keys={"more-of"})) == [mine]
    assert list(journal(owner=owner, question_keys=[])) == []
    assert journal(owner=owner).count() == 2


def test_backup_plan_is_read_without_being_created(owner, outsider):
    PrivateNoteFactory(owner=outsider, kind=PrivateNoteKind.BACKUP_PLAN)
    PrivateNoteFactory(owner=owner)
    assert backup_plan(owner=owner) is None
    plan = PrivateNoteFactory(owner=owner, kind=PrivateNoteKind.BACKUP_PLAN)
    assert backup_plan(owner=owner) == plan
