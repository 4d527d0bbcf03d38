"""The owner's thresholds apply on every surface: the dashboard, `today --json`, the digest,
the review page, the reviews list, the plan page and the conversations page judge by the
same numbers."""

import json

import pytest
from django.urls import reverse

from wayfinder.cli import main
from wayfinder.guidance.services import guidance_settings_update
from wayfinder.guidance.tests.test_personas import thriving
from wayfinder.reflection.models import Review

pytestmark = pytest.mark.django_db

# thriving() revised the plan 30 days ago, held a review and a development conversation 20
# days ago: healthy by the defaults (120, 92 and 45 days), past due for an owner who asks
# for 25, 15 and 10.
STRICT = {"plan_revision_days": 25, "review_days": 15, "supervisor_days": 10}
DUSTY = "Your plan was last revised 30 days ago: it is collecting dust."
REVIEW_DUE = "Your last review was 20 days ago."


def surfaces(client, owner, capsys) -> dict[str, str]:
    """What each surface says, as text."""
    client.force_login(owner.user)
    assert main(["today", "--json"]) == 0
    today = json.loads(capsys.readouterr().out)
    states = {p["key"]: p["state"] for p in today["practices"]}
    assert main(["digest", "--stdout"]) == 0
    digest = capsys.readouterr().out
    review = Review.objects.for_owner(owner).get()
    return {
        "dashboard": client.get("/").content.decode(),
        "today": f"plan_freshness={states['plan_freshness']} reflection={states['reflection']}",
        "digest": digest,
        "review": client.get(review.get_absolute_url()).content.decode(),
        "reviews": client.get(reverse("reflection:reviews")).content.decode(),
        "plan": client.get(reverse("plan:plan")).content.decode(),
        "conversations": client.get(reverse("conversations:conversations")).content.decode(),
    }


def test_the_defaults_find_nothing_due(client, capsys):
    said = surfaces(client, thriving(), capsys)
    assert DUSTY not in said["dashboard"]
    assert said["today"] == "plan_freshness=healthy reflection=healthy"
    assert said["digest"] == ""  # a quiet week sends nothing
    assert "Asked first" not in said["review"]
    assert "you aim for" not in said["reviews"]
    assert "collecting dust" not in said["plan"]
    assert "Your last development conversation was" not in said["conversations"]


def test_custom_thresholds_are_seen_on_every_surface(client, capsys):
    owner = thriving()
    guidance_settings_update(owner=owner, **STRICT)
    said = surfaces(client, owner, capsys)
    assert DUSTY in said["dashboard"]
    assert REVIEW_DUE in said["dashboard"]
    assert said["today"] == "plan_freshness=attention reflection=attention"
    assert f"Plan freshness: {DUSTY}" in said["digest"]
    assert f"Reflection: {REVIEW_DUE}" in said["digest"]
    assert "Asked first: your development plan needs attention now." in said["review"]
    assert "Asked first: your reflection needs attention now." in said["review"]
    assert "20 days ago, more than the 15 days you aim for" in said["reviews"]
    assert "30 days ago, more than the 25 days you aim for" in said["plan"]
    assert (
        "Your last development conversation was 20 days ago: more than 10." in said["conversations"]
    )
