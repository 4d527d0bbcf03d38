"""Background jobs: every owner's digest and the expiry notices at most once, inline on
SQLite, through the queue and `wayfinder worker` on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from wayfinder.cli import main
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.operations import services
from wayfinder.operations.models import DigestSent, ExpiryNoticeSent
from wayfinder.operations.services import Outcome, week_of
from wayfinder.sharing.tests.factories import ShareFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
MONDAY = week_of(TODAY)


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.EMAIL_BACKEND = LOCMEM
    settings.WAYFINDER_BASE_URL = "https://wayfinder.example.com"


def postgres_only(require_service):
    require_service(
        "postgres",
        connection.vendor == "postgresql",
        "the job queue and its worker run on PostgreSQL (SQLite runs jobs inline)",
    )


def test_week_of_is_the_monday():
    assert TODAY.weekday() == 0
    assert week_of(TODAY + dt.timedelta(days=6)) == TODAY
    assert week_of(TODAY - dt.timedelta(days=1)) == TODAY - dt.timedelta(days=7)


@pytest.mark.django_db
def test_a_digest_is_sent_once_a_week(owner):
    first = services.digest_send_once(owner=owner, today=TODAY)
    again = services.digest_send_once(owner=owner, today=TODAY + dt.timedelta(days=3))
    next_week = services.digest_send_once(owner=owner, today=TODAY + dt.timedelta(days=7))

    assert (first.outcome, again.outcome, next_week.outcome) == (
        Outcome.SENT,
        Outcome.ALREADY_SENT,
        Outcome.SENT,
    )
    assert [m.to for m in mail.outbox] == [[owner.user.email]] * 2
    assert set(DigestSent.objects.values_list("week", flat=True)) == {
        MONDAY,
        MONDAY + dt.timedelta(days=7),
    }


@pytest.mark.django_db
def test_a_send_that_fails_gives_the_week_back(owner):
    owner.user.email = ""
    owner.user.save()

    failed = services.digest_send_once(owner=owner, today=TODAY)
    assert failed.outcome == Outcome.FAILED
    assert "has no email address" in failed.problem
    assert not DigestSent.objects.exists()

    owner.user.email = "dana@example.com"
    owner.user.save()
    assert services.digest_send_once(owner=owner, today=TODAY).outcome == Outcome.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_worker_killed_after_its_claim_never_sends_twice(owner, monkeypatch):
    """At most once: the claim is committed before the send, so a retry after a crash
    between the two finds it and sends nothing."""

    def killed(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "digest_send", killed)
    with pytest.raises(SystemExit):
        services.digest_send_once(owner=owner, today=TODAY)
    monkeypatch.undo()
    mail.outbox.clear()

    retry = services.digest_send_once(owner=owner, today=TODAY)

    assert retry.outcome == Outcome.ALREADY_SENT
    assert mail.outbox == []
    assert DigestSent.objects.filter(owner=owner, week=MONDAY).count() == 1


@pytest.mark.django_db
def test_a_quiet_week_sends_nothing_and_claims_nothing(owner, monkeypatch):
    monkeypatch.setattr(services, "report_for", lambda **kw: type("R", (), {"empty": True})())

    assert services.digest_send_once(owner=owner, today=TODAY).outcome == Outcome.QUIET
    assert mail.outbox == []
    assert not DigestSent.objects.exists()


@pytest.mark.django_db
def test_digest_all_on_sqlite_sends_every_owner_at_once(capsys):
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL `digest --all` queues: see the worker test")
    dana, sam = ProfileFactory(), ProfileFactory()
    inactive = ProfileFactory()
    inactive.user.is_active = False
    inactive.user.save()

    assert main(["digest", "--all"]) == 0
    first = capsys.readouterr().out
    assert main(["digest", "--all"]) == 0
    second = capsys.readouterr().out

    assert sorted(m.to[0] for m in mail.outbox) == sorted([dana.user.email, sam.user.email])
    assert f"{dana.user.username}: sent\n" in first and f"{sam.user.username}: sent\n" in first
    assert f"{dana.user.username}: already sent\n" in second
    assert inactive.user.username not in first
    assert main(["worker"]) == 0
    assert "no worker is needed" in capsys.readouterr().out


@pytest.mark.django_db
def test_digest_all_refuses_owner_and_stdout(capsys):
    assert main(["digest", "--all", "--owner", "dana"]) == 1
    assert capsys.readouterr().err == (
        "wayfinder digest: --all sends every owner's digest: leave out --owner and --stdout\n"
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_digests_on_postgresql(require_service, capsys):
    postgres_only(require_service)
    dana, sam = ProfileFactory(), ProfileFactory()

    assert main(["digest", "--all"]) == 0
    queued = capsys.readouterr().out
    assert queued.count("queued digest_job ") == 2
    assert mail.outbox == []

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([dana.user.email, sam.user.email])

    # The next cron run in the same week queues again; the worker sends nothing more.
    main(["digest", "--all"])
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_one_digest_per_owner_and_week(require_service):
    """Two workers at once (threads, each with its own connection) over the same owners."""
    postgres_only(require_service)
    owners = [ProfileFactory() for _ in range(6)]
    start = threading.Barrier(2)
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            for owner in owners:
                outcomes.append(services.digest_send_once(owner=owner, today=TODAY).outcome)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.user.email for o in owners)
    assert outcomes.count(Outcome.SENT) == 6
    assert outcomes.count(Outcome.ALREADY_SENT) == 6
    assert DigestSent.objects.count() == 6


@pytest.mark.django_db
def test_expiry_notices_once_per_share_and_expiry(owner):
    ending = ShareFactory(owner=owner, expires_on=TODAY + dt.timedelta(days=3))
    ShareFactory(owner=owner, expires_on=TODAY + dt.timedelta(days=30))

    first = services.expiry_notices_send(owner=owner, today=TODAY)
    again = services.expiry_notices_send(owner=owner, today=TODAY + dt.timedelta(days=1))
    ending.expires_on = TODAY + dt.timedelta(days=8)
    ending.save()
    extended = services.expiry_notices_send(owner=owner, today=TODAY + dt.timedelta(days=2))

    assert (first.sent, again.sent, again.already_sent, extended.sent) == (1, 0, 1, 1)
    [notice, renewed] = mail.outbox
    assert notice.to == [owner.user.email]
    assert notice.subject == "A share of your career record ends within a week"
    assert f"{ending.person.name}: ends 26 Nov 2026" in notice.body
    assert f"https://wayfinder.example.com/sharing/{ending.pk}/" in notice.body
    assert "ends 1 Dec 2026" in renewed.body
    assert ExpiryNoticeSent.objects.filter(share=ending).count() == 2


@pytest.mark.django_db
def test_expiry_notices_need_an_address(owner):
    ShareFactory(owner=owner, expires_on=TODAY + dt.timedelta(days=3))
    owner.user.email = ""
    owner.user.save()

    result = services.expiry_notices_send(owner=owner, today=TODAY)

    assert (result.sent, result.problems) == (0, ["no email address"])
    assert not ExpiryNoticeSent.objects.exists()
