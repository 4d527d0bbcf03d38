"""In a browser: build a promotion narrative from the demo persona's record, edit it, and
export it as Markdown, a printable page and PDF — with no private note anywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wayfinder.accounts.services import signin_link_create
from wayfinder.advocacy.exports import pdf_available
from wayfinder.demo.persona import demo_create
from wayfinder.reflection.models import PrivateNote

pytestmark = pytest.mark.django_db(transaction=True)
CANARY = "canary-backup-plan-7f3a"


def test_build_edit_and_export_a_narrative(page, live_server, outside_requests, require_service):
    today = dt.date.today()
    owner = demo_create(today=today)
    PrivateNote.objects.for_owner(owner).update(body=CANARY)
    token = signin_link_create(user=owner.user, now=timezone.now())
    page.goto(f"{live_server.url}/signin/link/{token}/")
    page.get_by_role("button", name="Continue to Wayfinder").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Advocacy").click()
    page.get_by_role("link", name="Narratives").first.click()
    page.get_by_label("A promotion committee").check()
    page.get_by_label("Wins from").fill((today - dt.timedelta(days=365)).isoformat())
    page.get_by_label("Wins until").fill(today.isoformat())
    page.get_by_role("button", name="Draft it from my record").click()

    editor = page.get_by_label("Your narrative (Markdown)")
    expect(editor).to_be_visible()
    draft = editor.input_value()
    assert "#" in draft and len(draft) > 200
    editor.fill(draft + "\n\nI am ready to lead the function.\n")
    page.get_by_label("What changed (optional)").fill("A closing line")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_role("link", name="Version 2", exact=True)).to_be_visible()

    with page.expect_download() as markdown:
        page.get_by_role("link", name="Download Markdown").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert "I am ready to lead the function." in text
    assert CANARY not in text

    href = page.get_by_role("link", name="Printable page").get_attribute("href")
    printable = page.request.get(f"{live_server.url}{href}")
    assert printable.status == 200
    assert "I am ready to lead the function." in printable.text()
    assert CANARY not in printable.text()

    require_service("weasyprint", pdf_available(), "needs WeasyPrint and Pango for the PDF")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download PDF").click()
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    assert outside_requests == []
