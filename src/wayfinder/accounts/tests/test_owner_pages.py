"""The administrator's Owners and Invitations pages: accounts and counts, no record."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from wayfinder.accounts.models import InvitationState, OwnerInvitation
from wayfinder.accounts.owner_selectors import instance_figures, owned_models, section_of
from wayfinder.accounts.tests.factories import OwnerInvitationFactory
from wayfinder.core.mail import SMTP_BACKEND
from wayfinder.core.models import Position, Profile, Skill
from wayfinder.core.tests.factories import PositionFactory, ProfileFactory, UserFactory
from wayfinder.core.tests.jobs import jobs_run
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

OWNERS = reverse("accounts:owners")
INVITATIONS = reverse("accounts:invitations")


@pytest.fixture
def administrator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def staff(administrator) -> Client:
    client = Client()
    client.force_login(administrator)
    return client


def test_only_the_administrator_gets_the_pages(owner, staff):
    as_owner = Client()
    as_owner.force_login(owner.user)
    for url in (OWNERS, INVITATIONS, reverse("accounts:owner-delete", args=[owner.user.pk])):
        assert as_owner.get(url).status_code == 403
        assert Client().get(url).status_code == 302  # to sign in
        assert staff.get(url).status_code == 200


def test_the_owners_page_shows_counts_and_never_the_record(staff, owner, outsider):
    WinFactory(owner=owner, title="Closed the Lisbon partnership")
    DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    page = staff.get(OWNERS).content.decode()
    assert owner.user.username in page and outsider.user.username in page
    assert "Closed the Lisbon partnership" not in page
    assert "Present Q3 to the CRO" not in page
    assert owner.display_name not in page and owner.current_title not in page
    assert "<strong>2</strong> owners" in page and "active in the last 30 days" in page


def test_figures_count_rows_per_section_and_who_was_active(owner, outsider, today):
    from django.utils import timezone

    WinFactory.create_batch(3, owner=owner)
    owner.user.last_login = timezone.now()
    owner.user.save()
    outsider.user.is_active = False
    outsider.user.save()
    figures = instance_figures(now=timezone.now())
    mine = next(o for o in figures.owners if o.user_id == owner.user.pk)
    theirs = next(o for o in figures.owners if o.user_id == outsider.user.pk)
    assert mine.rows["Wins"] == 3 and theirs.rows["Wins"] == 0
    assert mine.active_recently and not theirs.active_recently
    assert (figures.owner_count, figures.active_count, figures.deactivated_count) == (2, 1, 1)
    assert figures.totals["Wins"] == 3


def test_the_owners_page_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    # Sessions, the account, messages, then one grouped count per owned model.
    budget = len(owned_models()) + 8
    for _ in range(2):
        ProfileFactory()
    with django_assert_max_num_queries(budget):
        assert staff.get(OWNERS).status_code == 200
    for profile in ProfileFactory.create_batch(10):
        WinFactory(owner=profile)
    with django_assert_max_num_queries(budget):
        assert staff.get(OWNERS).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_invite_emails_the_link(staff):
    response = staff.post(INVITATIONS, {"email": "priya@example.com", "name": "Priya"})
    assert response.status_code == 302
    jobs_run()
    (message,) = mail.outbox
    assert re.search(r"/signup/[\w-]+/", message.body)
    assert OwnerInvitation.objects.get().invited_by.username == "root"
    page = staff.get(INVITATIONS).content.decode()
    assert "priya@example.com" in page and InvitationState.PENDING.label in page


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
@pytest.mark.parametrize("again", [False, True], ids=["invite", "send again"])
def test_the_invitation_email_is_a_job_as_from_the_command_line(staff, enqueued, again):
    """Sent at once on SQLite; on PostgreSQL the page says it is on its way and the worker
    sends it, then blanks the one-time token in the job's queue row."""
    from django.db import connection

    if again:
        invitation = OwnerInvitationFactory(email="priya@example.com")
        response = staff.post(reverse("accounts:invitation-renew", args=[invitation.pk]))
    else:
        response = staff.post(INVITATIONS, {"email": "priya@example.com", "name": "Priya"})
    assert response.status_code == 302
    assert enqueued == ["wayfinder.accounts.jobs.owner_invitation_job"]
    page = staff.get(INVITATIONS).content.decode()
    assert "The sign-up link is on its way to priya@example.com." in page
    if connection.vendor == "postgresql":
        from django_tasks_db.models import DBTaskResult

        assert not mail.outbox
        jobs_run()
        [row] = DBTaskResult.objects.all()
        assert row.args_kwargs["kwargs"] == {"token": "(sent)"}
    (message,) = mail.outbox
    assert message.to == ["priya@example.com"]
    assert re.search(r"/signup/[\w-]+/", message.body)


def test_without_mail_the_link_is_shown_once(staff, settings):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = ""
    response = staff.post(INVITATIONS, {"email": "priya@example.com"})
    assert response.status_code == 200
    link = re.search(r'value="(http[^"]+/signup/[\w-]+/)"', response.content.decode()).group(1)
    assert staff.get(INVITATIONS).content.decode().count(link) == 0
    assert Client().get(link).status_code == 200


def test_a_bad_invitation_re_renders_with_the_reason_and_writes_nothing(staff, owner):
    response = staff.post(INVITATIONS, {"email": owner.user.email})
    assert response.status_code == 400
    assert "already has an account here" in response.content.decode()
    assert staff.post(INVITATIONS, {"email": "nope"}).status_code == 400
    assert not OwnerInvitation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_send_again_and_cancel(staff):
    invitation = OwnerInvitationFactory()
    old_hash = invitation.token_hash
    staff.post(reverse("accounts:invitation-renew", args=[invitation.pk]))
    jobs_run()
    invitation.refresh_from_db()
    assert invitation.token_hash != old_hash and len(mail.outbox) == 1
    staff.post(reverse("accounts:invitation-cancel", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert staff.post(reverse("accounts:invitation-cancel", args=[999999])).status_code == 404


def test_deactivate_and_reactivate_from_the_page(staff, owner):
    response = staff.post(reverse("accounts:owner-deactivate", args=[owner.user.pk]))
    assert response.status_code == 302
    owner.user.refresh_from_db()
    assert not owner.user.is_active
    assert "Deactivated" in staff.get(OWNERS).content.decode()
    staff.post(reverse("accounts:owner-reactivate", args=[owner.user.pk]))
    owner.user.refresh_from_db()
    assert owner.user.is_active


def test_an_account_that_is_not_an_owner_is_a_404(staff, administrator):
    for name in ("accounts:owner-deactivate", "accounts:owner-reactivate"):
        assert staff.post(reverse(name, args=[administrator.pk])).status_code == 404
    assert staff.get(reverse("accounts:owner-delete", args=[administrator.pk])).status_code == 404


def test_delete_needs_the_username_typed_exactly(staff, owner):
    url = reverse("accounts:owner-delete", args=[owner.user.pk])
    page = staff.get(url).content.decode()
    assert "cannot be undone" in page
    wrong = staff.post(url, {"confirm": owner.user.username.upper() + "x"})
    assert wrong.status_code == 400 and "nothing was deleted" in wrong.content.decode()
    assert Profile.objects.filter(pk=owner.pk).exists()
    done = staff.post(url, {"confirm": owner.user.username}, follow=True)
    assert f"Deleted {owner.user.username}" in done.content.decode()
    assert not Profile.objects.filter(pk=owner.pk).exists()


def test_the_invitations_page_reads_a_fixed_number_of_queries(
    staff, administrator, django_assert_max_num_queries
):
    OwnerInvitationFactory(invited_by=administrator)
    with django_assert_max_num_queries(8):
        assert staff.get(INVITATIONS).status_code == 200
    OwnerInvitationFactory.create_batch(15, invited_by=administrator)
    with django_assert_max_num_queries(8):
        page = staff.get(INVITATIONS)
    assert page.content.decode().count("Send again") == 16


def test_each_section_is_named_as_the_product_names_it():
    from wayfinder.api.models import AccessToken
    from wayfinder.wins.models import Win

    assert section_of(Skill) == "Skills"
    assert section_of(Position) == "Role history"
    assert section_of(AccessToken) == "API tokens"
    assert section_of(Win) == "Wins"


@pytest.mark.django_db
def test_the_role_history_is_counted_apart_from_skills(owner):
    PositionFactory(owner=owner)
    figures = instance_figures(now=owner.created_at)
    mine = next(o for o in figures.owners if o.user_id == owner.user.pk)
    assert mine.rows["Role history"] == 1 and mine.rows["Skills"] == 0
