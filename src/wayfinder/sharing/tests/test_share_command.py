"""`wayfinder share create|list|revoke`: the same services as the Sharing page."""

from __future__ import annotations

import json

import pytest

from wayfinder.cli import main
from wayfinder.core.tests.factories import UserFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.sharing.models import Share, ShareState
from wayfinder.sharing.services import share_accept

pytestmark = pytest.mark.django_db

BASE = "https://wayfinder.example.com"


@pytest.fixture
def rob(owner):
    return PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")


def test_create_prints_the_absolute_invitation_link_on_its_last_line(rob, today, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    status = main(
        [
            "share",
            "create",
            "--person",
            "rob patel",
            "--sections",
            "wins,plan",
            "--expires",
            "2027-03-31",
            "--period-from",
            "2026-01-01",
            "--comments",
        ]
    )
    assert status == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"{BASE}/sharing/accept/")
    share = Share.objects.get()
    assert share.person == rob and share.email == "rob@example.com"
    assert share.sections == ["plan", "wins"]
    assert share.allow_comments and str(share.period_start) == "2026-01-01"
    # The link is the one-time invitation: it opens the share, once.
    token = last.rstrip("/").rsplit("/", 1)[1]
    assert share_accept(token=token, user=UserFactory(), today=today) == share


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--person", "Nobody", "--sections", "plan"], "no one called 'Nobody'"),
        (["--person", "Rob Patel", "--sections", "salary"], "unknown section 'salary'"),
        (["--person", "Rob Patel", "--sections", "plan", "--expires", "2020-01-01"], "expire"),
        (["--person", "Rob Patel", "--sections", "plan", "--email", "nope"], "not an email"),
    ],
)
def test_create_refuses_in_one_line_and_writes_nothing(rob, settings, capsys, arguments, message):
    settings.WAYFINDER_BASE_URL = BASE
    assert main(["share", "create", *arguments]) == 1
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1
    assert not Share.objects.exists()


def test_create_without_a_base_url_points_to_the_share_pack(rob, settings, capsys):
    settings.WAYFINDER_BASE_URL = ""
    assert main(["share", "create", "--person", "Rob Patel", "--sections", "plan"]) == 1
    assert "wayfinder share pack" in capsys.readouterr().err
    assert not Share.objects.exists()


def test_list_as_json_and_revoke(rob, today, settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    main(["share", "create", "--person", "Rob Patel", "--sections", "plan"])
    capsys.readouterr()
    assert main(["share", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    share = Share.objects.get()
    assert row["id"] == share.pk
    assert row["person"] == "Rob Patel"
    assert row["sections"] == ["plan"]
    assert row["expires_on"] == share.expires_on.isoformat()
    assert row["state"] == ShareState.INVITED
    assert main(["share", "revoke", str(share.pk)]) == 0
    assert "revoked" in capsys.readouterr().out
    share.refresh_from_db()
    assert share.state_on(today) == ShareState.REVOKED
    main(["share", "list"])
    assert "revoked" in capsys.readouterr().out


def test_revoke_of_someone_elses_share_is_refused(rob, outsider, settings, capsys):
    from wayfinder.sharing.tests.factories import AcceptedShareFactory

    other = AcceptedShareFactory(owner=outsider)
    assert main(["share", "revoke", str(other.pk), "--owner", rob.owner.user.username]) == 1
    assert "no share" in capsys.readouterr().err
    other.refresh_from_db()
    assert other.revoked_at is None
