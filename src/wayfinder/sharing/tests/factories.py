from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from wayfinder.core.tests.factories import TODAY, OwnedFactory, UserFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.sharing.models import SectionKey, Share, ShareAccess
from wayfinder.sharing.services import token_hash


class ShareFactory(OwnedFactory):
    """An invited share (not accepted yet); `AcceptedShareFactory` for one a viewer uses.
    The created share carries its one-time invitation token as `share.token`."""

    class Meta:
        model = Share

    person = factory.SubFactory(
        PersonFactory,
        owner=factory.SelfAttribute("..owner"),
        email=factory.Sequence(lambda n: f"helper{n}@example.com"),
    )
    email = factory.LazyAttribute(lambda s: s.person.email or "helper@example.com")
    sections = factory.LazyFunction(lambda: [SectionKey.PLAN, SectionKey.WINS])
    expires_on = TODAY + dt.timedelta(days=90)
    token = factory.Sequence(lambda n: f"test-invitation-token-{n}")
    token_hash = factory.LazyAttribute(lambda s: token_hash(s.token))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        share = super()._create(model_class, *args, **kwargs)
        share.token = token
        return share


class AcceptedShareFactory(ShareFactory):
    viewer = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"viewer{n}"))
    accepted_at = factory.LazyFunction(timezone.now)


class ShareAccessFactory(OwnedFactory):
    class Meta:
        model = ShareAccess

    share = factory.SubFactory(AcceptedShareFactory, owner=factory.SelfAttribute("..owner"))
    page = "Plan"
    path = "/shared/1/plan/"
