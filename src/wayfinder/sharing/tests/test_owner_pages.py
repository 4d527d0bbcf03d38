"""The owner's Sharing page: the list, a new share previewed before it is saved, one
share's page with its access log, revoke, extend and change the sections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.tests.jobs import jobs_run
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing import pack
from wayfinder.sharing.models import SectionKey, Share, ShareState
from wayfinder.sharing.tests.factories import (
    AcceptedShareFactory,
    ShareAccessFactory,
    ShareFactory,
)
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://wayfinder.example.com"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def reachable(settings):
    settings.WAYFINDER_BASE_URL = BASE_URL


def test_with_no_share_the_page_explains_what_a_share_is(signed_in, reachable):
    content = signed_in.get(reverse("sharing:sharing")).content.decode()
    assert "You have not shared anything yet" in content
    assert reverse("sharing:share-new") in content


def test_the_list_shows_each_share_with_its_sections_expiry_state_and_views(
    signed_in, owner, outsider, reachable, today
):
    share = AcceptedShareFactory(
        owner=owner, person__name="Rob Patel", sections=[SectionKey.PLAN, SectionKey.WINS]
    )
    ShareAccessFactory.create_batch(3, owner=owner, share=share)
    ShareFactory(owner=outsider, person__name="Someone Else Entirely")
    content = signed_in.get(reverse("sharing:sharing")).content.decode()
    assert "Rob Patel" in content and "Plan, Wins" in content
    assert share.expires_on.strftime("%-d %b %Y") in content
    assert ShareState.ACTIVE.label in content
    assert "<td>3</td>" in content
    assert "Someone Else Entirely" not in content


def test_without_a_base_url_the_page_says_no_viewer_can_reach_it_and_offers_a_pack(
    signed_in, settings
):
    settings.WAYFINDER_BASE_URL = ""
    content = signed_in.get(reverse("sharing:sharing")).content.decode()
    assert "Nobody else can reach this Wayfinder" in content
    assert reverse("sharing:pack") in content
    assert f'href="{reverse("sharing:share-new")}"' not in content


def test_a_template_pre_ticks_its_sections(signed_in, reachable):
    response = signed_in.get(reverse("sharing:share-new") + "?template=sponsor")
    form = response.context["form"]
    assert sorted(form.initial["sections"]) == sorted([SectionKey.WINS, SectionKey.ADVOCACY])
    assert form.initial["expires_on"] > dt.date(2026, 11, 23)


def _new_share_data(person, **extra):
    return {
        "person": person.pk,
        "email": "",
        "sections": [SectionKey.PLAN, SectionKey.WINS],
        "expires_on": "2027-03-31",
        **extra,
    }


def test_the_preview_shows_what_the_viewer_will_see_and_saves_nothing(signed_in, owner, reachable):
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    WinFactory(owner=owner, title="Closed the Acme renewal", private_notes="not for Rob")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Preview: what Rob Patel will see" in content
    assert "Present Q3 to the CRO" in content and "Closed the Acme renewal" in content
    assert "not for Rob" not in content
    assert 'name="share"' in content
    assert not Share.objects.for_owner(owner).exists()


def test_sharing_after_the_preview_creates_the_share_and_shows_the_link(
    signed_in, owner, reachable, mailoutbox
):
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person, share="1"))
    content = response.content.decode()
    share = Share.objects.for_owner(owner).get()
    assert share.email == "rob@example.com" and share.sections == ["plan", "wins"]
    assert BASE_URL in content and 'id="invitation-link"' in content
    assert 'data-copy="invitation-link"' in content and "wayfinder/copy.js" in content


@pytest.fixture
def enqueued():
    """The paths of the jobs enqueued while the test runs."""
    from django_tasks.signals import task_enqueued

    paths: list[str] = []

    def spy(sender, task_result, **kwargs):
        paths.append(task_result.task.module_path)

    task_enqueued.connect(spy)
    yield paths
    task_enqueued.disconnect(spy)


@pytest.mark.django_db(transaction=True)
def test_the_invitation_email_is_a_job(signed_in, owner, reachable, enqueued):
    """Sent at once on SQLite; on PostgreSQL the page says it is on its way and the worker
    sends it, then blanks the one-time token in the job's queue row."""
    person = PersonFactory(owner=owner, name="Rob Patel", email="rob@example.com")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person, share="1"))
    content = response.content.decode()
    assert response.status_code == 200
    assert enqueued == ["wayfinder.sharing.jobs.share_invitation_job"]
    link = BASE_URL + "/sharing/accept/"
    assert link in content
    if connection.vendor == "postgresql":
        from django_tasks_db.models import DBTaskResult

        assert "The invitation is on its way to rob@example.com." in content
        assert not mail.outbox
        jobs_run()
        [row] = DBTaskResult.objects.all()
        assert row.args_kwargs["kwargs"] == {"token": "(sent)"}
    else:
        assert "We emailed the invitation to rob@example.com." in content
    (message,) = mail.outbox
    assert message.to == ["rob@example.com"]
    assert link in message.body


def test_without_mail_no_job_is_queued_and_the_link_is_shown(
    signed_in, owner, reachable, enqueued, settings
):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""
    person = PersonFactory(owner=owner, email="rob@example.com")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person, share="1"))
    content = response.content.decode()
    assert enqueued == [] and not mail.outbox
    assert "No email went out" in content and BASE_URL + "/sharing/accept/" in content


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sections": []}, "sections"),
        ({"expires_on": "2026-11-01"}, "expires_on"),
        ({"period_start": "2026-06-01", "period_end": "2026-01-01"}, "period_end"),
        ({"person": "999999"}, "person"),
    ],
)
def test_a_bad_new_share_re_renders_with_a_message_and_saves_nothing(
    signed_in, owner, reachable, change, field
):
    person = PersonFactory(owner=owner, email="rob@example.com")
    response = signed_in.post(
        reverse("sharing:share-new"), {**_new_share_data(person, share="1"), **change}
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Share.objects.for_owner(owner).exists()


def test_another_owners_person_cannot_be_picked(signed_in, owner, outsider, reachable):
    theirs = PersonFactory(owner=outsider, email="x@example.com")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(theirs, share="1"))
    assert response.status_code == 400
    assert not Share.objects.exists()


def test_a_person_without_email_needs_one_written(signed_in, owner, reachable):
    person = PersonFactory(owner=owner, name="No Mail", email="")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person, share="1"))
    assert response.status_code == 400
    assert "No Mail has no email" in response.content.decode()


def test_without_a_base_url_no_share_is_created(signed_in, owner, settings):
    settings.WAYFINDER_BASE_URL = ""
    person = PersonFactory(owner=owner, email="rob@example.com")
    response = signed_in.post(reverse("sharing:share-new"), _new_share_data(person, share="1"))
    assert response.status_code == 400
    assert not Share.objects.exists()


def test_the_share_page_lists_the_access_log(signed_in, owner):
    share = AcceptedShareFactory(owner=owner)
    ShareAccessFactory(owner=owner, share=share, page="Plan")
    ShareAccessFactory(owner=owner, share=share, page="Wins")
    content = signed_in.get(reverse("sharing:share", args=[share.pk])).content.decode()
    assert "<td>Plan</td>" in content and "<td>Wins</td>" in content


def test_another_owners_share_is_a_404_on_every_owner_url(signed_in, outsider):
    theirs = AcceptedShareFactory(owner=outsider)
    assert signed_in.get(reverse("sharing:share", args=[theirs.pk])).status_code == 404
    for name in ("sharing:share-revoke", "sharing:share-extend", "sharing:share-sections"):
        assert signed_in.post(reverse(name, args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoke_extend_and_change_the_sections(signed_in, owner, today):
    share = AcceptedShareFactory(owner=owner, sections=[SectionKey.PLAN])
    signed_in.post(
        reverse("sharing:share-sections", args=[share.pk]),
        {"sections": [SectionKey.PLAN, SectionKey.GOALS], "allow_comments": "on"},
    )
    signed_in.post(reverse("sharing:share-extend", args=[share.pk]), {"expires_on": "2027-06-30"})
    share.refresh_from_db()
    assert share.sections == ["goals", "plan"] or share.sections == ["plan", "goals"]
    assert share.expires_on == dt.date(2027, 6, 30)
    assert share.allow_comments and not share.show_collaborators
    signed_in.post(reverse("sharing:share-revoke", args=[share.pk]))
    share.refresh_from_db()
    assert share.state_on(today) == ShareState.REVOKED


def test_a_bad_extension_re_renders_the_share_page_and_changes_nothing(signed_in, owner):
    share = AcceptedShareFactory(owner=owner)
    before = share.expires_on
    response = signed_in.post(
        reverse("sharing:share-extend", args=[share.pk]), {"expires_on": "2020-01-01"}
    )
    assert response.status_code == 400
    assert response.context["extend_form"].errors["expires_on"]
    share.refresh_from_db()
    assert share.expires_on == before


def test_the_preview_renders_every_section_of_the_coach_template(signed_in, owner, reachable):
    person = PersonFactory(owner=owner, name="Cora Coach", email="cora@example.com")
    data = {**_new_share_data(person), "sections": list(SectionKey.values)}
    response = signed_in.post(reverse("sharing:share-new"), data)
    assert response.status_code == 200
    assert [page.key for page in response.context["preview"]] == list(SectionKey.values)
    content = response.content.decode()
    assert "{#" not in content and "#}" not in content  # no template comment shown as text


def test_the_pack_page_downloads_the_pack_and_saves_no_share(client, owner, today):
    DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    client.force_login(owner.user)
    response = client.post(
        reverse("sharing:pack"),
        {"sections": ["plan", "wins"], "valid_until": "2027-03-31", "file_format": "html"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == pack.PACK_CSP
    draft = pack.pack_share(
        owner=owner, sections=["plan", "wins"], valid_until=dt.date(2027, 3, 31), today=today
    )
    assert response.content.decode() == pack.pack_html(share=draft, today=today)
    assert not Share.objects.exists()


def test_the_pack_page_refuses_a_pack_without_sections(client, owner):
    client.force_login(owner.user)
    response = client.post(reverse("sharing:pack"), {"valid_until": "2027-03-31"})
    assert response.status_code == 400
    assert response.context["form"].errors["sections"]


def test_the_sharing_page_runs_as_many_queries_for_many_shares_as_for_one(
    signed_in, owner, reachable, django_assert_max_num_queries
):
    AcceptedShareFactory(owner=owner)
    with django_assert_max_num_queries(12) as one:
        signed_in.get(reverse("sharing:sharing"))
    for share in AcceptedShareFactory.create_batch(8, owner=owner):
        ShareAccessFactory(owner=owner, share=share)
    with django_assert_max_num_queries(len(one.captured_queries)):
        signed_in.get(reverse("sharing:sharing"))


def test_the_narrative_versions_picked_are_in_the_preview_and_the_share(
    signed_in, owner, reachable
):
    from wayfinder.advocacy.models import Audience, Narrative, NarrativeVersion

    narrative = Narrative.objects.create(
        owner=owner,
        title="Case for director",
        audience=Audience.SPONSOR,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 10, 31),
    )
    picked = NarrativeVersion.objects.create(
        owner=owner, narrative=narrative, number=1, body="I grew pipeline to 45 percent."
    )
    NarrativeVersion.objects.create(
        owner=owner, narrative=narrative, number=2, body="A draft not picked."
    )
    person = PersonFactory(owner=owner, email="sponsor@example.com")
    data = {
        **_new_share_data(person),
        "sections": [SectionKey.ADVOCACY],
        "narrative_versions": [picked.pk],
    }
    content = signed_in.post(reverse("sharing:share-new"), data).content.decode()
    assert "I grew pipeline to 45 percent." in content
    assert "A draft not picked." not in content
    signed_in.post(reverse("sharing:share-new"), {**data, "share": "1"})
    share = Share.objects.for_owner(owner).get()
    assert list(share.narrative_versions.all()) == [picked]
