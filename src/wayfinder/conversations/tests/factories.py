from __future__ import annotations

import factory

from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
from wayfinder.core.tests.factories import TODAY, OwnedFactory


class DevelopmentConversationFactory(OwnedFactory):
    class Meta:
        model = DevelopmentConversation

    held_on = TODAY
    agenda = "Plan progress; recent wins; asks."
    notes = "Agreed to look for a stretch opportunity."


class AgreedActionFactory(OwnedFactory):
    class Meta:
        model = AgreedAction

    conversation = factory.SubFactory(
        DevelopmentConversationFactory, owner=factory.SelfAttribute("..owner")
    )
    description = factory.Sequence(lambda n: f"Agreed action {n}")
