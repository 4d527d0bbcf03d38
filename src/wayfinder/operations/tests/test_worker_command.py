"""`wayfinder worker` and `wayfinder notices` from the command line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection

from wayfinder.cli import main
from wayfinder.core.tests.factories import TODAY
from wayfinder.sharing.tests.factories import ShareFactory


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["--interval", "-1"], "--interval must be 0 or more seconds (got -1)"),
        (["--max-tasks", "0"], "--max-tasks must be at least 1 (got 0)"),
    ],
)
def test_the_worker_refuses_impossible_arguments(capsys, arguments, line):
    assert main(["worker", *arguments]) == 1
    assert capsys.readouterr().err == f"wayfinder worker: {line}\n"


@pytest.mark.django_db(transaction=True)
def test_notices_tell_each_owner_once(owner, capsys, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr("wayfinder.operations.services.today_for", lambda owner: TODAY)
    ShareFactory(owner=owner, expires_on=TODAY + dt.timedelta(days=2))

    assert main(["notices"]) == 0
    first = capsys.readouterr().out
    if connection.vendor == "postgresql":
        assert first.startswith("queued expiry_notices_job ")
        from django.core.management import call_command

        call_command("db_worker", batch=True, interval=0, verbosity=0)
    else:
        assert first == f"{owner.user.username}: 1 sent, 0 already sent\n"
    assert main(["notices"]) == 0
    if connection.vendor == "postgresql":
        call_command("db_worker", batch=True, interval=0, verbosity=0)
    else:
        assert capsys.readouterr().out == f"{owner.user.username}: 0 sent, 1 already sent\n"

    [notice] = mail.outbox
    assert notice.to == [owner.user.email]
