"""Sharing, end to end in two browsers (issue 10 §9): Dana shares her plan, wins and a
planned conversation with her supervisor; he opens the invitation, comments on an action,
adds an agenda point and proposes an agreed action; Dana sees the comment in "this week",
accepts the action into her plan and revokes the share; his next page is a 404, and the
access log lists what he viewed. No request leaves the origin."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from wayfinder.conversations.models import ConversationStatus, DevelopmentConversation
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.persona import demo_create
from wayfinder.plan.models import DevelopmentAction

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_in_context(browser, live_server, user, outside: list[str]):
    """A browser context with `user`'s session, where every request off the origin is
    refused and recorded."""
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    _only_the_origin(context, live_server, outside)
    return context


def _only_the_origin(context, live_server, outside: list[str]) -> None:
    origin = urlsplit(live_server.url)

    def route(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc) or parts.scheme in (
            "data",
            "blob",
        ):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)


def test_owner_and_supervisor_share_comment_propose_and_revoke(browser, live_server, settings):
    settings.WAYFINDER_BASE_URL = live_server.url
    dana = demo_create(today=TODAY, username="dana")
    supervisor = DevelopmentConversation.objects.for_owner(dana).order_by("pk").first().supervisor
    DevelopmentConversationFactory(
        owner=dana,
        supervisor=supervisor,
        held_on=TODAY + dt.timedelta(days=7),
        status=ConversationStatus.PLANNED,
        agenda="Plan progress",
    )
    action = DevelopmentAction.objects.for_owner(dana).open().order_by("due_on", "pk").first()
    outside: list[str] = []

    # Dana shares her plan, wins and the conversations with her supervisor.
    owner_context = _signed_in_context(browser, live_server, dana.user, outside)
    owner = owner_context.new_page()
    owner.goto(f"{live_server.url}/sharing/new/?template=supervisor")
    owner.get_by_label("Who").select_option(label=supervisor.name)
    owner.get_by_label("Their email").fill("rob@example.com")
    owner.get_by_label("Goals").uncheck()
    for section in ("Plan", "Wins", "Conversations"):
        expect(owner.get_by_label(section, exact=True)).to_be_checked()
    owner.get_by_label("They may comment on your items").check()
    owner.get_by_role("button", name="Preview what they will see").click()
    expect(
        owner.get_by_role("heading", name=f"Preview: what {supervisor.name} will see")
    ).to_be_visible()
    owner.get_by_role("button", name=f"Share and invite {supervisor.name}").click()
    link = owner.get_by_label("Invitation link").input_value()
    assert link.startswith(live_server.url)

    # The supervisor opens it in his own browser and is signed in.
    supervisor_context = browser.new_context()
    _only_the_origin(supervisor_context, live_server, outside)
    viewer = supervisor_context.new_page()
    viewer.goto(link)
    viewer.get_by_role("button", name="Open what was shared").click()
    expect(viewer.get_by_role("heading", name=f"Shared by {dana.display_name}")).to_be_visible()
    share_url = viewer.url

    # He comments on an action of the plan.
    viewer.get_by_role("link", name="Plan").first.click()
    comment_box = viewer.locator(f"#comment-action-{action.pk}")
    comment_box.fill("Shall we find you a **stretch** project for this?")
    viewer.locator(f"#comments-action-{action.pk}").get_by_role("button", name="Comment").click()
    expect(viewer.locator(f"#comments-action-{action.pk}").locator("strong")).to_have_text(
        "stretch"
    )

    # On the planned conversation: an agenda point and a proposed agreed action.
    viewer.goto(share_url)
    viewer.get_by_role("link", name="Conversations").first.click()
    viewer.get_by_label("Add a point you want to raise").fill("Your promotion case")
    viewer.get_by_role("button", name="Add to the agenda").click()
    expect(viewer.get_by_text("Your promotion case")).to_be_visible()
    viewer.get_by_label("Propose an agreed action").fill("Lead the Q1 pricing review")
    viewer.get_by_role("button", name="Propose").click()
    expect(viewer.get_by_text("Lead the Q1 pricing review")).to_be_visible()

    # Dana sees the comment in this week, and accepts the action into her plan.
    owner.goto(f"{live_server.url}/")
    week = owner.locator("section", has=owner.get_by_role("heading", name="This week"))
    expect(week.get_by_text(f"{supervisor.name} commented on")).to_be_visible()
    owner.goto(f"{live_server.url}/sharing/proposals/")
    proposal = owner.locator(
        "li", has=owner.get_by_role("heading", name="Lead the Q1 pricing review")
    )
    proposal.get_by_role("button", name="Accept into my plan").click()
    expect(proposal.get_by_text("Accepted")).to_be_visible()
    owner.goto(f"{live_server.url}/plan/")
    expect(owner.get_by_text("Lead the Q1 pricing review").first).to_be_visible()

    # She revokes the share; his very next page is a 404.
    owner.goto(f"{live_server.url}/sharing/")
    owner.get_by_role("link", name=supervisor.name).first.click()
    owner.get_by_role("button", name="Revoke this share").click()
    response = viewer.goto(share_url)
    assert response is not None and response.status == 404

    # The access log lists the pages he viewed.
    log = owner.locator("table.access-log")
    expect(log).to_be_visible()
    expect(log.get_by_role("cell", name="Plan", exact=True).first).to_be_visible()
    expect(log.get_by_role("cell", name="Conversations", exact=True).first).to_be_visible()

    assert outside == [], f"requests left the origin: {outside}"
    owner_context.close()
    supervisor_context.close()
