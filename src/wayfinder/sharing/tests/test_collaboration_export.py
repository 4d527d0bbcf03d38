"""Comments, agenda points and proposals travel in the owner's export (format version 4),
without the viewer's account."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import UserFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.importer import owner_import
from wayfinder.portability.validation import import_parse
from wayfinder.sharing.collaboration_services import (
    agenda_point_add,
    comment_add,
    comment_reply,
    proposal_accept,
    proposal_add,
)
from wayfinder.sharing.models import Comment
from wayfinder.sharing.services import share_accept, share_create

KEYS = ("comments", "agenda_points", "proposals")


def test_what_viewers_sent_is_exported_and_imported_the_same(owner, today):
    now = timezone.now()
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    share, token = share_create(
        owner=owner,
        person=person,
        sections=["plan", "conversations"],
        expires_on=today + dt.timedelta(days=90),
        today=today,
        allow_comments=True,
    )
    viewer = UserFactory()
    share_accept(token=token, user=viewer, today=today)
    action = DevelopmentActionFactory(owner=owner)
    conversation = DevelopmentConversationFactory(
        owner=owner,
        supervisor=person,
        status=ConversationStatus.PLANNED,
        held_on=today + dt.timedelta(days=3),
    )
    comment = comment_add(
        viewer=viewer,
        share=share,
        item_kind="action",
        item_id=action.pk,
        body="Why?",
        now=now,
        today=today,
    )
    comment_reply(owner=owner, comment=comment, body="Because.", now=now)
    agenda_point_add(
        viewer=viewer,
        share=share,
        conversation_id=conversation.pk,
        text="Promotion",
        now=now,
        today=today,
    )
    proposal = proposal_add(
        viewer=viewer,
        share=share,
        kind="action",
        conversation_id=conversation.pk,
        title="Shadow the CFO",
        now=now,
        today=today,
    )
    proposal_accept(owner=owner, proposal=proposal, today=today)

    data = owner_export(owner=owner)
    assert [len(data[key]) for key in KEYS] == [2, 1, 1]
    assert "author" not in data["comments"][0]

    owner.user.delete()  # an instance holds one copy of a record (uids are unique)
    result = owner_import(data=import_parse(export_text(data)), username="copy")

    again = owner_export(owner=result.owner)
    assert all(again[key] == data[key] for key in KEYS)
    reply = Comment.objects.for_owner(result.owner).get(from_owner=True)
    assert reply.reply_to.body == "Why?" and reply.author is None
