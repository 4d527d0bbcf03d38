"""`wayfinder digest`: the week's guidance by email (text and HTML), quiet when empty."""

import smtplib
import socket

import pytest
from django.core import mail

from wayfinder.cli import main
from wayfinder.guidance.services import guidance_settings_update
from wayfinder.guidance.tests.test_personas import TODAY, thriving
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db
BASE = "https://wayfinder.example.com"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch, settings):
    monkeypatch.setattr("wayfinder.core.web.today_for", lambda owner: TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WAYFINDER_BASE_URL = BASE
    settings.DEFAULT_FROM_EMAIL = "Wayfinder <wayfinder@example.com>"


@pytest.fixture
def busy(owner):
    """An owner with gaps and an overdue action: a digest with something to say."""
    DevelopmentActionFactory(owner=owner, title="Finish the pricing course", due_on="2026-11-01")
    return owner


def test_the_digest_is_sent_as_text_and_html_with_links(busy, capsys):
    assert main(["digest"]) == 0
    assert capsys.readouterr() == ("", "")
    [message] = mail.outbox
    assert message.to == [busy.user.email]
    assert message.from_email == "Wayfinder <wayfinder@example.com>"
    assert message.subject.startswith("Your week in Wayfinder (23 November): 12 practices need ")
    assert "on this week's list" in message.subject
    assert "NEEDS ATTENTION (12 of 12 practices)" in message.body
    assert "○ Direction: You have not written an ambition yet." in message.body
    assert f"  {BASE}/direction/ambition/new/" in message.body
    assert "- Finish the pricing course: overdue by 22 days (Sun 1 Nov)" in message.body
    assert f"Your dashboard: {BASE}/\n" in message.body
    assert f"{BASE}/settings/guidance/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'<a href="{BASE}/direction/ambition/new/"' in html
    assert f'<a href="{BASE}/settings/guidance/"' in html
    assert "Finish the pricing course" in html and "overdue by 22 days" in html


def test_the_html_escapes_what_the_owner_wrote(busy):
    DevelopmentActionFactory(owner=busy, title="<b>Launch</b> & learn", due_on="2026-11-02")
    main(["digest"])
    html = mail.outbox[0].alternatives[0][0]
    assert "&lt;b&gt;Launch&lt;/b&gt; &amp; learn" in html
    assert "- <b>Launch</b> & learn: overdue" in mail.outbox[0].body


def test_stdout_prints_the_text_and_sends_nothing(busy, capsys):
    assert main(["digest", "--stdout"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hello ")
    assert "Finish the pricing course" in out
    assert out.endswith("Wayfinder, your private career development system\n")
    assert mail.outbox == []


def test_without_a_base_url_the_digest_has_no_links(busy, settings, capsys):
    settings.WAYFINDER_BASE_URL = ""
    main(["digest", "--stdout"])
    out = capsys.readouterr().out
    assert "http" not in out and "/direction/" not in out
    assert "in the guidance settings." in out


def test_a_week_with_nothing_to_say_is_silent():
    owner = thriving()
    assert main(["digest"]) == 0
    assert main(["digest", "--stdout"]) == 0
    assert mail.outbox == []
    guidance_settings_update(owner=owner, digest_send_empty=True)
    assert main(["digest"]) == 0
    [message] = mail.outbox
    assert message.subject.endswith(": every practice is healthy, nothing is due")
    assert "All 12 practices are healthy." in message.body
    assert "Nothing due or overdue in the next seven days." in message.body


def test_the_digest_follows_the_owner_thresholds():
    owner = thriving()
    guidance_settings_update(owner=owner, supervisor_days=10)
    main(["digest"])
    body = mail.outbox[0].body
    assert "NEEDS ATTENTION (1 of 12 practices)" in body
    assert "Supervisor: Your last development conversation was 20 days ago." in body


def test_an_owner_without_an_email_is_one_line(busy, capsys):
    busy.user.email = ""
    busy.user.save()
    assert main(["digest"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"wayfinder digest: {busy.user.username!r} has no email address: add one in the "
        "guidance settings (/settings/guidance/), or use --stdout\n"
    )
    assert mail.outbox == []


def test_smtp_not_configured_is_one_line(busy, settings, capsys):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST = ""
    assert main(["digest"]) == 1
    assert capsys.readouterr().err == (
        "wayfinder digest: email is not configured: set WAYFINDER_SMTP_HOST (see the README, "
        "Configuration), or use --stdout\n"
    )
    assert main(["digest", "--stdout"]) == 0


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_smtp_server_that_does_not_answer_is_one_line(busy, settings, capsys):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port = closed_port()
    settings.EMAIL_TIMEOUT = 5
    assert main(["digest"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"wayfinder digest: could not send the digest through 127.0.0.1:{port}: ")
    assert "Connection refused" in err and err.count("\n") == 1


def test_an_smtp_refusal_is_one_line(busy, settings, monkeypatch, capsys):
    class Refusing(smtplib.SMTP):
        def __init__(self, *args, **kwargs):
            raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Username and\r\n password wrong")

    monkeypatch.setattr(smtplib, "SMTP", Refusing)
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST = "smtp.example.com"
    settings.EMAIL_PORT = 587
    assert main(["digest"]) == 1
    assert capsys.readouterr().err == (
        "wayfinder digest: could not send the digest through smtp.example.com:587: "
        "535 5.7.8 Username and password wrong\n"
    )


def test_no_owner_is_one_line(db, capsys):
    assert main(["digest"]) == 1
    assert capsys.readouterr().err.startswith("wayfinder digest: no owner yet")


def test_another_owner_is_chosen_with_owner(busy, outsider, capsys):
    assert main(["digest", "--owner", outsider.user.username]) == 0
    [message] = mail.outbox
    assert message.to == [outsider.user.email]
    assert "Finish the pricing course" not in message.body
