from __future__ import annotations

import factory
from django.utils import timezone

from wayfinder.accounts.models import OwnerInvitation
from wayfinder.accounts.owner_services import INVITATION_LIFETIME
from wayfinder.core.tokens import token_new


class OwnerInvitationFactory(factory.django.DjangoModelFactory):
    """A waiting invitation (use `invitation_and_token` when the test needs its link)."""

    class Meta:
        model = OwnerInvitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    name = "Priya Shah"
    token_hash = factory.LazyFunction(lambda: token_new()[1])
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + INVITATION_LIFETIME)


def invitation_and_token(**fields) -> tuple[OwnerInvitation, str]:
    token, hashed = token_new()
    return OwnerInvitationFactory(token_hash=hashed, **fields), token
