from __future__ import annotations

import factory

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.reflection.models import JournalEntry, PrivateNote, Review


class ReviewFactory(OwnedFactory):
    class Meta:
        model = Review

    held_on = TODAY


class JournalEntryFactory(OwnedFactory):
    class Meta:
        model = JournalEntry

    written_on = TODAY
    question = "What do you want to do more of?"
    answer = "Coaching."


class PrivateNoteFactory(OwnedFactory):
    class Meta:
        model = PrivateNote

    title = factory.Sequence(lambda n: f"Private note {n}")
    body = "Only for me."
