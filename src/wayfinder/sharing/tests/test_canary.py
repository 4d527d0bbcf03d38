"""The canary: a string planted in every private field and record of the registry, and in
every section the share leaves out, appears in nothing a share lets out.

The registry (`core.privacy.declarations()`) is walked, so a private field declared later is
planted too. The surfaces read: every page the viewer can reach (crawled from "Shared with
me"), the invitation email, the comment notification (the owner's week and the digest),
the share pack, and the owner's calendar feed and conversation downloads (no private
field or record: the feed is the owner's own, so it shows what no share does), and every
GET of the JSON API with a token holding every read scope but `private` (no private field
or record; with `private`, they are there).
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from wayfinder.advocacy.models import Narrative, NarrativeVersion, SelfAssessment
from wayfinder.conversations.models import DevelopmentConversation
from wayfinder.core.privacy import declarations
from wayfinder.core.tests.factories import TODAY, UserFactory
from wayfinder.demo.persona import demo_create
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal, GoalCheckIn
from wayfinder.experiments.models import CheckIn, Experiment
from wayfinder.guidance.digest import digest_compose
from wayfinder.guidance.report import report_for
from wayfinder.network.models import Interaction, Person
from wayfinder.plan.models import DevelopmentAction
from wayfinder.reflection.models import Review
from wayfinder.sharing.collaboration_selectors import week_items
from wayfinder.sharing.collaboration_services import comment_add
from wayfinder.sharing.invitations import invitation_send
from wayfinder.sharing.models import ItemKind, SectionKey, Share
from wayfinder.sharing.pack import pack_html
from wayfinder.sharing.services import share_accept, share_create

pytestmark = pytest.mark.django_db

PRIVATE = "PRIVATECANARY"  # in every private field and record
UNSHARED = "UNSHAREDCANARY"  # in every section the share leaves out, and the network
CANARY = re.compile(rf"({PRIVATE}|{UNSHARED})-[\w.-]+")
SHARED = [SectionKey.PLAN, SectionKey.WINS, SectionKey.CONVERSATIONS]  # the supervisor's

# What the sections left out show (and what no section shows: reviews, the network).
UNSHARED_MODELS = (
    AmbitionStatement,
    CareerPath,
    Goal,
    GoalCheckIn,
    Experiment,
    CheckIn,
    Narrative,
    NarrativeVersion,
    SelfAssessment,
    Review,
    Interaction,
)


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not isinstance(f, models.EmailField | models.URLField | models.SlugField)
        and f.name not in {"time_zone", "number"}
    ]


def _plant(queryset: models.QuerySet, fields: list[models.Field], marker: str) -> int:
    planted = 0
    for pk in queryset.values_list("pk", flat=True):
        values = {}
        for f in fields:
            value = f"{marker}-{queryset.model._meta.label}.{f.name}-{pk}"
            values[f.name] = value[: f.max_length] if f.max_length else value
        queryset.model._base_manager.filter(pk=pk).update(**values)
        planted += 1
    return planted


def _plant_everywhere(owner, supervisor) -> None:
    for model, declared in declarations().items():
        rows = model._base_manager.filter(owner=owner)
        if declared.fields:
            fields = [model._meta.get_field(name) for name in declared.fields]
            assert _plant(rows, fields, PRIVATE), f"nothing of {model._meta.label} to plant in"
        if declared.every_record or declared.record_flag:
            private_rows = (
                rows if declared.every_record else rows.filter(**{declared.record_flag: True})
            )
            assert _plant(private_rows, _text_fields(model), PRIVATE), (
                f"no private {model._meta.label} to plant in"
            )
    for model in UNSHARED_MODELS:
        _plant(model._base_manager.filter(owner=owner), _text_fields(model), UNSHARED)
    # The owner's network of other people, and her conversations with them.
    others = Person.objects.for_owner(owner).exclude(pk=supervisor.pk)
    _plant(others, [Person._meta.get_field("name")], UNSHARED)
    with_others = DevelopmentConversation.objects.for_owner(owner).exclude(supervisor=supervisor)
    _plant(with_others, _text_fields(DevelopmentConversation), UNSHARED)


def _leaks(text: str) -> list[str]:
    return sorted({match.group(0) for match in CANARY.finditer(unescape(text))})


def _build() -> tuple:
    owner = demo_create(today=TODAY, username="canary-dana")
    supervisor = DevelopmentConversation.objects.for_owner(owner).order_by("pk").first().supervisor
    _plant_everywhere(owner, supervisor)
    share, token = share_create(
        owner=owner,
        person=supervisor,
        sections=SHARED,
        expires_on=TODAY + dt.timedelta(days=90),
        today=TODAY,
        email="rob@example.com",
        allow_comments=True,
    )
    viewer = UserFactory(username="canary-viewer", email="rob@example.com")
    share = share_accept(token=token, user=viewer, today=TODAY)
    action = DevelopmentAction.objects.for_owner(owner).open().order_by("pk").first()
    comment_add(
        viewer=viewer,
        share=share,
        item_kind=ItemKind.ACTION,
        item_id=action.pk,
        body="Shall we talk about this?",
        now=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC),
        today=TODAY,
    )
    return owner, share, viewer, token


@pytest.fixture(scope="module")
def record(django_db_setup, django_db_blocker):
    """One planted record for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        noon = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
        with time_machine.travel(noon, tick=False), transaction.atomic():
            yield _build()
            transaction.set_rollback(True)


@pytest.fixture
def planted(record):
    owner, share, viewer, _token = record
    return owner, share, viewer


def test_the_canary_is_planted_where_the_owner_sees_it(planted, client):
    owner, _share, _viewer = planted
    client.force_login(owner.user)
    page = client.get(reverse("reflection:private")).content.decode()
    assert PRIVATE in page  # the owner's own page reads her record: the canary is real
    assert UNSHARED in client.get(reverse("direction:goals")).content.decode()


def test_a_viewer_page_would_show_the_canary_of_a_section_shared(planted):
    _owner, planted_share, viewer = planted
    share = Share.objects.get(pk=planted_share.pk)  # the module's share stays as it is
    share.sections = [*SHARED, SectionKey.GOALS]
    share.save(update_fields=["sections"])
    client = Client()
    client.force_login(viewer)
    url = reverse("sharing:viewer-section", kwargs={"share_id": share.pk, "section": "goals"})
    found = _leaks(client.get(url).content.decode())
    assert found and all(leak.startswith(UNSHARED) for leak in found)  # the detector sees


def test_no_viewer_page_shows_the_canary(planted):
    _owner, share, viewer = planted
    client = Client()
    client.force_login(viewer)
    start = [reverse("sharing:shared-with-me")] + [
        reverse("sharing:viewer-section", kwargs={"share_id": share.pk, "section": key})
        for key in SectionKey.values
    ]
    queue, seen, leaks, read = list(start), set(), {}, 0
    while queue and read < 60:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        read += 1
        html = response.content.decode()
        if found := _leaks(html):
            leaks[url] = found
        queue += [
            unescape(link)
            for link in re.findall(r'href="(/sharing/shared/[^"#]*)"', html)
            if unescape(link) not in seen
        ]
    assert read >= 1 + len(SHARED)
    assert not leaks, f"the canary reached a viewer: {leaks}"


def test_no_invitation_email_holds_the_canary(record, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _owner, share, _viewer, token = record
    sent = invitation_send(share=share, token=token, base_url="https://wayfinder.example")
    assert sent.emailed
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert not _leaks(message.subject + message.body)


def test_no_comment_notification_holds_the_canary(planted):
    owner, _share, _viewer = planted
    notices = week_items(owner=owner, today=TODAY)
    assert any(item.kind == "comment" for item in notices)
    text = " ".join(f"{item.title} {item.detail}" for item in notices)
    assert PRIVATE not in text
    digest = digest_compose(report=report_for(owner=owner, today=TODAY))
    assert PRIVATE not in f"{digest.subject} {digest.text} {digest.html}"


def test_no_share_pack_holds_the_canary(planted):
    _owner, share, _viewer = planted
    assert not _leaks(pack_html(share=share, today=TODAY))


def _calendar_text(body: bytes) -> str:
    """Every value of every property of a calendar, unescaped and unfolded."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(body)
    return " ".join(str(value) for part in calendar.walk() for _name, value in part.items())


def test_no_calendar_feed_holds_the_private_canary(planted):
    from wayfinder.calendars.services import calendar_feed_rotate

    owner, _share, _viewer = planted
    token = calendar_feed_rotate(owner=owner)
    response = Client().get(reverse("calendars:feed", args=[token]))
    assert response.status_code == 200
    text = _calendar_text(response.content)
    # The owner's own calendar shows her whole record (so the detector sees the feed's
    # text), never a private field or record.
    assert UNSHARED in text
    assert PRIVATE not in text and PRIVATE.encode() not in response.content


def test_no_conversation_download_holds_the_private_canary(planted):
    from wayfinder.conversations.tests.factories import DevelopmentConversationFactory

    owner, share, _viewer = planted
    # Planned with no agenda yet: the download carries the one drafted from the record.
    planned = DevelopmentConversationFactory(
        owner=owner,
        supervisor=share.person,
        status="planned",
        held_on=TODAY + dt.timedelta(days=7),
        agenda="",
        private_notes=f"{PRIVATE}-download",
    )
    client = Client()
    client.force_login(owner.user)
    response = client.get(reverse("calendars:conversation-download", args=[planned.pk]))
    assert response.status_code == 200
    text = _calendar_text(response.content)
    assert "Progress on my plan" in text and PRIVATE not in text


def _api_reads(client: Client, secret: str) -> dict[str, str]:
    """Every GET of the JSON API: each list (its first 200 rows), each row by its id, the
    guidance and a search for the canary; the body of each, by URL."""
    from wayfinder.api.main import api

    headers = {"Authorization": f"Bearer {secret}"}
    paths = [path for path, ops in api.get_openapi_schema()["paths"].items() if "get" in ops]
    bodies: dict[str, str] = {}
    for path in paths:
        if "{" in path:
            continue
        url = f"{path}?q={PRIVATE}" if path.endswith("/search") else f"{path}?limit=200"
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.content[:300])
        bodies[url] = response.content.decode()
        items = response.json().get("items") if path != "/api/v1/guidance" else None
        details = [p for p in paths if re.fullmatch(re.escape(path) + r"/\{\w+\}", p)]
        for item in items or []:
            for detail in details:
                key = "number" if "{number}" in detail else "id"
                one = re.sub(r"\{\w+\}", str(item[key]), detail)
                answer = client.get(one, headers=headers)
                assert answer.status_code == 200, (one, answer.content[:300])
                bodies[one] = answer.content.decode()
    return bodies


def test_no_api_read_without_the_private_scope_holds_the_private_canary(planted):
    from wayfinder.api.scopes import PRIVATE as PRIVATE_SCOPE
    from wayfinder.api.scopes import SCOPES
    from wayfinder.api.services import token_create

    owner, _share, _viewer = planted
    reads = [scope for scope in SCOPES if scope.startswith("read:")]
    _token, secret = token_create(owner=owner, name="canary", scopes=reads, today=TODAY)
    bodies = _api_reads(Client(), secret)
    assert len(bodies) > 20
    # The owner's own token reads her whole record (the detector sees the API's text)...
    assert any(UNSHARED in body for body in bodies.values())
    leaks = {
        url: found
        for url, body in bodies.items()
        if (found := [leak for leak in _leaks(body) if leak.startswith(PRIVATE)])
    }
    assert not leaks, f"the private canary reached a token without the private scope: {leaks}"
    # ...and with the private scope, the private fields are there.
    _token, secret = token_create(
        owner=owner, name="canary-private", scopes=[*reads, PRIVATE_SCOPE], today=TODAY
    )
    assert any(PRIVATE in body for body in _api_reads(Client(), secret).values())
