import json
from pathlib import Path

import pytest

from wayfinder.cli import main
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db


def test_today_prints_the_practices_needing_attention_and_the_week(owner, capsys):
    DevelopmentActionFactory(owner=owner, title="Finish the pricing course", due_on="2000-01-01")
    assert main(["today"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wayfinder · ")
    assert "Needs attention (" in out
    assert "○ Direction: You have not written an ambition yet." in out
    assert "→ Write your ambition" in out
    assert "overdue  Finish the pricing course — overdue by" in out


def test_today_json_follows_the_documented_schema(owner, capsys):
    assert main(["today", "--json", "--base-url", "http://127.0.0.1:8000"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"schema", "date", "owner", "healthy", "practices", "this_week"}
    assert data["schema"] == 1
    assert data["owner"] == owner.user.username
    assert len(data["practices"]) == 12
    practice = data["practices"][0]
    assert set(practice) == {"key", "practice", "state", "why", "next_step", "approach"}
    assert practice["next_step"]["url"] == "http://127.0.0.1:8000/direction/ambition/new/"
    for item in data["this_week"]:
        assert set(item) == {"kind", "title", "detail", "date", "urgency", "url"}
    documented = (Path(__file__).parents[4] / "docs" / "guidance.md").read_text()
    keys = ["schema", "date", "owner", "healthy", "practices", "this_week", "next_step"]
    for key in [*keys, "approach"]:
        assert f"`{key}`" in documented


def test_today_with_no_owner_is_one_line(db, capsys):
    assert main(["today"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "wayfinder today: no owner yet: run `wayfinder init` first"
