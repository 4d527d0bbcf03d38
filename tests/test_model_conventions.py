"""Every domain row belongs to exactly one owner and is reached through `for_owner`."""

from __future__ import annotations

import pytest
from django.apps import apps

from wayfinder.core.models import DataVersion, OwnedModel, Profile

DOMAIN_APPS = {
    "core",
    "direction",
    "network",
    "experiments",
    "plan",
    "wins",
    "conversations",
    "reflection",
    "sharing",
    "calendars",
    "api",
}


def domain_models():
    return [
        model
        for model in apps.get_models()
        # The owner, and the owner's cache bookkeeping, are not career data.
        if model._meta.app_label in DOMAIN_APPS and model not in (Profile, DataVersion)
    ]


def test_the_data_model_is_complete():
    names = {model.__name__ for model in domain_models()}
    assert {
        "Skill",
        "AmbitionStatement",
        "CareerPath",
        "Goal",
        "DevelopmentPlan",
        "DevelopmentAction",
        "PlanRevision",
        "Experiment",
        "CheckIn",
        "Opportunity",
        "Person",
        "PersonRole",
        "Interaction",
        "Win",
        "ImpactMetric",
        "WinAudience",
        "DevelopmentConversation",
        "AgreedAction",
        "Review",
        "JournalEntry",
        "PrivateNote",
    } <= names


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m.__name__)
def test_domain_model_is_owned(model):
    assert issubclass(model, OwnedModel)
    owner = model._meta.get_field("owner")
    assert owner.related_model is Profile
    assert not owner.null
    assert hasattr(model.objects, "for_owner")
