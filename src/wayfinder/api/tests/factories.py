from __future__ import annotations

import factory

from wayfinder.api.models import AccessToken
from wayfinder.api.scopes import SCOPES
from wayfinder.api.services import token_hash
from wayfinder.core.tests.factories import OwnedFactory


class AccessTokenFactory(OwnedFactory):
    """A token whose secret is `secret` (not a model field: the model keeps its hash)."""

    class Meta:
        model = AccessToken
        exclude = ("secret",)

    name = factory.Sequence(lambda n: f"script {n}")
    scopes = factory.LazyFunction(lambda: list(SCOPES))
    secret = factory.Sequence(lambda n: f"wf_test-secret-{n:06d}")
    token_hash = factory.LazyAttribute(lambda t: token_hash(t.secret))


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
