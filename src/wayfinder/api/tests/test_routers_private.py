"""The privacy canary over the network, experiments, opportunities, conversations and
reflection routers: with every read scope but `private`, no private value leaves through
any of their GET operations, whichever id or filter is asked for."""

from __future__ import annotations

import re

import pytest
import time_machine

from wayfinder.api.main import api as ninja_api
from wayfinder.api.scopes import SCOPES
from wayfinder.api.tests.factories import AccessTokenFactory, bearer
from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.conversations.tests.factories import AgreedActionFactory
from wayfinder.core.privacy import declarations
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.network.models import Person
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.reflection.models import JournalEntry, PrivateNote
from wayfinder.reflection.tests.factories import (
    JournalEntryFactory,
    PrivateNoteFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

CANARY = "canary-7d1e-private"
ROUTERS = ("network", "experiments", "opportunities", "conversations", "reflection")
APPS = {"network", "experiments", "plan", "conversations", "reflection"}
# What of these apps is private, and how the canary reaches it below.
SEEDED = {Person, DevelopmentConversation, JournalEntry, PrivateNote}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_every_private_declaration_of_these_apps_is_seeded():
    declared = {model for model in declarations() if model._meta.app_label in APPS}
    assert declared == SEEDED


def _get_paths() -> list[str]:
    return [
        path
        for path, operations in ninja_api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
        if method == "get" and set(operation.get("tags", ())) & set(ROUTERS)
    ]


def _url(path: str, ids: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), path)


def test_no_private_value_leaves_without_the_private_scope(client):
    owner = ProfileFactory()
    person = PersonFactory(owner=owner, name="Ada", private_notes=CANARY)
    interaction = InteractionFactory(owner=owner, people=[person])
    action = AgreedActionFactory(owner=owner, conversation__private_notes=CANARY)
    review = ReviewFactory(owner=owner)
    entry = JournalEntryFactory(owner=owner, answer=CANARY, question=CANARY, is_private=True)
    JournalEntryFactory(owner=owner, review=review)
    PrivateNoteFactory(owner=owner, title=CANARY, body=CANARY)
    ids = {
        "person_id": person.pk,
        "interaction_id": interaction.pk,
        "conversation_id": action.conversation_id,
        "review_id": review.pk,
        "entry_id": entry.pk,
    }
    AccessTokenFactory(
        owner=owner, secret="wf_reads", scopes=[s for s in SCOPES if s.startswith("read:")]
    )
    paths = _get_paths()
    assert len(paths) >= 15
    for path in paths:
        url = _url(path, ids)
        for query in ("", f"?review={review.pk}", "?status=all", "?question_key="):
            response = client.get(url + query, headers=bearer("wf_reads"))
            assert response.status_code in (200, 404, 422), (url, response.content)
            assert CANARY not in response.content.decode(), url + query
    # The same walk with `private` does show them: the walk reaches every private value.
    AccessTokenFactory(owner=owner, secret="wf_all", scopes=list(SCOPES))
    shown = "".join(
        client.get(_url(path, ids), headers=bearer("wf_all")).content.decode() for path in paths
    )
    # A person's and a conversation's notes, the private entry (private notes are not in
    # the API at all).
    assert shown.count(CANARY) >= 3
