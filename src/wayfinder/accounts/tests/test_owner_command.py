"""`wayfinder owner ...`: the same services as the administrator's pages, one line on error."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from wayfinder.accounts.models import OwnerInvitation
from wayfinder.accounts.owner_services import owner_invitation_for_token
from wayfinder.cli import main
from wayfinder.core.jobs import jobs_queued
from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.models import Profile
from wayfinder.core.tests.jobs import jobs_run
from wayfinder.sharing.tests.factories import AcceptedShareFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

BASE = "https://wayfinder.example.com"


def _one_error_line(capsys) -> str:
    error = capsys.readouterr().err
    assert "Traceback" not in error and len(error.strip().splitlines()) == 1
    return error


def test_invite_prints_the_link_on_its_last_line(settings, capsys):
    settings.WAYFINDER_BASE_URL = BASE
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""
    assert main(["owner", "invite", "priya@example.com", "--name", "Priya"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert "No email sent" in out[0]
    assert out[-1].startswith(f"{BASE}/signup/")
    token = out[-1].rstrip("/").rsplit("/", 1)[1]
    invitation = owner_invitation_for_token(token)
    assert invitation is not None and invitation.name == "Priya"
    assert invitation.invited_by is None and not invitation.self_requested


def test_invite_emails_when_mail_is_set_up(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.WAYFINDER_BASE_URL = BASE
    assert main(["owner", "invite", "priya@example.com"]) == 0
    out = capsys.readouterr().out
    assert "Emailed the sign-up link to priya@example.com" in out
    assert mail.outbox[0].to == ["priya@example.com"]
    assert out.strip().splitlines()[-1] in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_invite_on_postgresql_queues_the_email_for_the_worker(settings, capsys):
    if not jobs_queued():
        pytest.skip("the job queue waits for a worker on PostgreSQL only")
    settings.WAYFINDER_BASE_URL = BASE
    assert main(["owner", "invite", "priya@example.com"]) == 0
    out = capsys.readouterr().out
    assert "Queued the sign-up link's email to priya@example.com for `wayfinder worker`" in out
    assert not mail.outbox
    jobs_run()
    assert mail.outbox[0].to == ["priya@example.com"]
    assert out.strip().splitlines()[-1] in mail.outbox[0].body


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["owner", "invite", "nope"], "'nope' is not an email address"),
        (["owner", "deactivate", "nobody"], "no owner named 'nobody'"),
        (["owner", "delete", "nobody", "--yes"], "no owner named 'nobody'"),
    ],
)
def test_mistakes_are_one_line_and_change_nothing(settings, capsys, arguments, message):
    settings.WAYFINDER_BASE_URL = BASE
    assert main(arguments) == 1
    assert message in _one_error_line(capsys)
    assert not OwnerInvitation.objects.exists()


def test_invite_without_a_base_url_is_refused(settings, capsys):
    settings.WAYFINDER_BASE_URL = ""
    assert main(["owner", "invite", "priya@example.com"]) == 1
    assert "WAYFINDER_BASE_URL is not set" in _one_error_line(capsys)
    assert not OwnerInvitation.objects.exists()


def test_list_shows_states_and_counts_only(owner, outsider, capsys):
    WinFactory.create_batch(2, owner=owner, title="A private triumph")
    outsider.user.is_active = False
    outsider.user.save()
    assert main(["owner", "list", "--json"]) == 0
    rows = {row["username"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[owner.user.username]["rows"]["Wins"] == 2
    assert rows[outsider.user.username]["state"] == "deactivated"
    assert main(["owner", "list"]) == 0
    text = capsys.readouterr().out
    assert "A private triumph" not in text
    assert "2 owner(s), 0 active in the last 30 days, 1 deactivated." in text


def test_deactivate_reactivate(owner, capsys):
    name = owner.user.username
    assert main(["owner", "deactivate", name]) == 0
    owner.user.refresh_from_db()
    assert not owner.user.is_active and "is deactivated" in capsys.readouterr().out
    assert main(["owner", "reactivate", name]) == 0
    owner.user.refresh_from_db()
    assert owner.user.is_active


def test_delete_needs_yes_then_removes_the_owner(owner, capsys):
    AcceptedShareFactory(owner=owner)
    name = owner.user.username
    assert main(["owner", "delete", name]) == 1
    assert "add --yes to confirm" in _one_error_line(capsys)
    assert Profile.objects.filter(pk=owner.pk).exists()
    assert main(["owner", "delete", name, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Deleted {name}" in out and "Ended 1 share; told 1 viewer" in out
    assert not Profile.objects.filter(pk=owner.pk).exists()
