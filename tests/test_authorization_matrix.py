"""The authorization matrix: every URL pattern of the project, crossed with every role and
every method, answers the status written here.

The patterns are found, not listed: the URLconf is walked (`django.urls.get_resolver`), so a
URL without an entry in `EXPECTED` fails `test_every_url_pattern_has_an_entry`. Each entry
names how its URL arguments are filled from the fixture record and the status each role
gets for GET, POST (empty) and HX (a GET that htmx sent). The roles:

- owner: Dana, whose record (the demo persona) every URL argument points into;
- viewer: a viewer Dana shared the section with; viewer_without_section: a viewer of an
  active share of Dana's without that section; viewer_of_other: a viewer of another
  owner's share; revoked and expired: viewers whose share from Dana was revoked or is past
  its expiry; other_owner: an owner with a record of his own; anonymous; staff: the
  instance administrator, who has no career record.

"Another owner's object" is a 404, never a 403 that confirms it exists. Every request runs
in a savepoint that is rolled back, so a POST that deletes or signs out changes nothing for
the next cell.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wayfinder.accounts.tests.factories import OwnerInvitationFactory
from wayfinder.advocacy.models import Competency, Ladder, Narrative, NarrativeVersion
from wayfinder.api.models import AccessToken
from wayfinder.api.services import token_create
from wayfinder.conversations.models import (
    AgreedAction,
    ConversationStatus,
    DevelopmentConversation,
)
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.models import Position
from wayfinder.core.tests.factories import TODAY, ProfileFactory, UserFactory
from wayfinder.demo.persona import demo_create
from wayfinder.direction.models import CareerPath, Goal, GoalCheckIn
from wayfinder.experiments.models import Experiment
from wayfinder.mentoring import services as mentoring
from wayfinder.network.models import Interaction, Person
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import DevelopmentAction, Opportunity, PlanRevision
from wayfinder.reflection.models import JournalEntry, PrivateNote, PrivateNoteKind, Review
from wayfinder.sharing.collaboration_services import agenda_point_add, comment_add, proposal_add
from wayfinder.sharing.models import ItemKind, ProposalKind, SectionKey, Share
from wayfinder.sharing.services import share_accept, share_create, share_revoke
from wayfinder.wins.models import ImpactMetric, Win, WinAudience

ROLES = (
    "owner",
    "viewer",
    "viewer_without_section",
    "viewer_of_other",
    "revoked",
    "expired",
    "other_owner",
    "anonymous",
    "staff",
)
METHODS = ("GET", "POST", "HX")
VIEWERS = ("viewer", "viewer_without_section", "viewer_of_other", "revoked", "expired")

# What an account without a career record (a viewer, the administrator) gets on an owner's
# page: the "no career record" page, the same for every URL, so it confirms nothing.
NO_RECORD = 403
SIGN_IN = 302  # anonymous: to the sign-in page


# --- The record --------------------------------------------------------------------------


@dataclass
class Record:
    owner: Any
    other_owner: Any
    users: dict[str, Any] = field(default_factory=dict)
    shares: dict[str, Any] = field(default_factory=dict)
    conversation: Any = None
    comment: Any = None
    point: Any = None
    proposal: Any = None
    program: Any = None  # a mentoring program Dana administers
    pair: Any = None  # Dana's pair in it, as the mentee
    invitation: Any = None  # an owner invitation waiting to be used

    def one(self, model: type, **filters: Any) -> Any:
        found = model.objects.for_owner(self.owner).filter(**filters).order_by("pk").first()
        assert found is not None, f"the demo record has no {model.__name__} {filters or ''}"
        return found


def _share(owner: Any, person: Any, viewer: Any, sections: list[str], **options: Any) -> Any:
    _share_made, token = share_create(
        owner=owner,
        person=person,
        sections=sections,
        expires_on=TODAY + dt.timedelta(days=90),
        today=TODAY,
        email=person.email or f"person{person.pk}@example.com",
        **options,
    )
    return share_accept(token=token, user=viewer, today=TODAY)


def _build_record() -> Record:
    owner = demo_create(today=TODAY, username="matrix-dana")
    other_owner = ProfileFactory(user__username="matrix-other")
    record = Record(owner=owner, other_owner=other_owner)
    record.users["owner"] = owner.user
    record.users["other_owner"] = other_owner.user
    record.users["staff"] = UserFactory(username="matrix-root", is_staff=True, is_superuser=True)
    for role in VIEWERS:
        record.users[role] = UserFactory(username=f"matrix-{role}")
    # The supervisor's share: every section, comments allowed, a planned conversation with
    # them; with an agenda point, a comment and a proposal of theirs on it.
    supervisor = record.one(DevelopmentConversation).supervisor
    planned = DevelopmentConversationFactory(
        owner=owner,
        supervisor=supervisor,
        held_on=TODAY + dt.timedelta(days=7),
        status=ConversationStatus.PLANNED,
    )
    viewer = record.users["viewer"]
    main = _share(owner, supervisor, viewer, list(SectionKey.values), allow_comments=True)
    record.shares["viewer"] = main
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    action = DevelopmentAction.objects.for_owner(owner).open().order_by("pk").first()
    record.comment = comment_add(
        viewer=viewer,
        share=main,
        item_kind=ItemKind.ACTION,
        item_id=action.pk,
        body="A comment",
        now=now,
        today=TODAY,
    )
    record.point = agenda_point_add(
        viewer=viewer, share=main, conversation_id=planned.pk, text="A point", now=now, today=TODAY
    )
    record.proposal = proposal_add(
        viewer=viewer,
        share=main,
        kind=ProposalKind.ACTION,
        title="A proposed action",
        conversation_id=planned.pk,
        now=now,
        today=TODAY,
    )
    record.conversation = planned
    others = Person.objects.for_owner(owner).exclude(pk=supervisor.pk).order_by("pk")
    record.shares["viewer_without_section"] = _share(
        owner, others[0], record.users["viewer_without_section"], [SectionKey.DIRECTION]
    )
    revoked = _share(owner, others[1], record.users["revoked"], [SectionKey.PLAN])
    record.shares["revoked"] = share_revoke(owner=owner, share=revoked)
    expired = _share(owner, others[2], record.users["expired"], [SectionKey.PLAN])
    Share.objects.filter(pk=expired.pk).update(expires_on=TODAY - dt.timedelta(days=1))
    record.shares["expired"] = expired
    someone = PersonFactory(owner=other_owner, email="someone@example.com")
    record.shares["viewer_of_other"] = _share(
        other_owner, someone, record.users["viewer_of_other"], list(SectionKey.values)
    )
    record.program, record.pair = _mentoring(owner)
    record.invitation = OwnerInvitationFactory(email="matrix-invitee@example.com")
    return record


def _mentoring(owner: Any) -> tuple[Any, Any]:
    """A published program Dana administers, with her as a mentee paired to a mentor."""
    program = mentoring.program_create(
        owner=owner, name="Mentoring", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=90)
    )
    mentoring.mentee_opt_in(owner=owner, program=program, skills_wanted=["pricing"], level=2)
    mentor = ProfileFactory(user__username="matrix-mentor")
    mentoring.mentor_opt_in(
        owner=mentor,
        program=program,
        skills_offered=["pricing"],
        capacity=1,
        levels_mentored=[2],
        level=4,
    )
    mentoring.matching_run(program=program, by=owner)
    mentoring.program_publish(
        program=program, by=owner, now=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    )
    return program, program.matches.get()


@pytest.fixture(scope="module")
def record(django_db_setup, django_db_blocker) -> Iterator[Record]:
    """One record for the whole module, made in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        noon = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
        with time_machine.travel(noon, tick=False), transaction.atomic():
            built = _build_record()
            yield built
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(record) -> dict[str, Client]:
    signed_in = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(record.users[role])
        signed_in[role] = client
    return signed_in


# --- URL arguments ---------------------------------------------------------------------

Kwargs = Callable[[Record], dict[str, Any]]


def _no_kwargs(record: Record) -> dict[str, Any]:
    return {}


def pk(model: type, **filters: Any) -> Kwargs:
    return lambda record: {"pk": record.one(model, **filters).pk}


def _a_token(record: Record) -> dict[str, Any]:
    """One of Dana's API tokens (the demo record has none): made once."""
    token = AccessToken.objects.for_owner(record.owner).first()
    if token is None:
        token, _secret = token_create(
            owner=record.owner, name="matrix", scopes=["read:wins"], today=TODAY
        )
    return {"pk": token.pk}


def _ambition_version(record: Record) -> dict[str, Any]:
    return {"version": 1}


def _revision(record: Record) -> dict[str, Any]:
    return {"number": record.one(PlanRevision).number}


def _narrative_version(record: Record) -> dict[str, Any]:
    version = record.one(NarrativeVersion)
    return {"pk": version.narrative_id, "number": version.number}


def _narrative_export(record: Record) -> dict[str, Any]:
    return {"pk": record.one(Narrative).pk, "kind": "md"}


def _goal_check_in(record: Record) -> dict[str, Any]:
    check_in = record.one(GoalCheckIn)
    return {"pk": check_in.goal_id, "check_in_pk": check_in.pk}


def _metric(record: Record) -> dict[str, Any]:
    metric = record.one(ImpactMetric)
    return {"pk": metric.win_id, "metric_pk": metric.pk}


def _audience(record: Record) -> dict[str, Any]:
    told = record.one(WinAudience)
    return {"pk": told.win_id, "person_pk": told.person_id}


def _an_account(record: Record) -> dict[str, Any]:
    # Another owner's account: as much an owner's as Dana's, and its delete page does not
    # list a whole demo record.
    return {"object_id": str(record.other_owner.user.pk)}


def _a_group(record: Record) -> dict[str, Any]:
    return {"object_id": "1"}


KWARGS: dict[str, Kwargs] = {
    "core:position-edit": pk(Position),
    "core:position-delete": pk(Position),
    "tokens:revoke": _a_token,
    "accounts:signin-link": lambda record: {"token": "not-a-sign-in-token"},
    "accounts:signup-invitation": lambda record: {"token": "not-a-sign-up-token"},
    "accounts:notice-dismiss": lambda record: {"notice_id": 1},
    **dict.fromkeys(
        ("accounts:owner-deactivate", "accounts:owner-reactivate", "accounts:owner-delete"),
        lambda record: {"user_id": record.other_owner.user.pk},
    ),
    **dict.fromkeys(
        ("accounts:invitation-renew", "accounts:invitation-cancel"),
        lambda record: {"invitation_id": record.invitation.pk},
    ),
    "direction:ambition-version": _ambition_version,
    **{
        f"direction:{n}": pk(CareerPath)
        for n in ("path", "path-edit", "path-verdict", "path-delete")
    },
    **{
        f"direction:{n}": pk(Goal)
        for n in ("goal", "goal-edit", "goal-status", "goal-delete", "goal-check-in")
    },
    "direction:goal-check-in-delete": _goal_check_in,
    **{
        f"plan:action-{n}": pk(DevelopmentAction)
        for n in ("edit", "delete", "start", "complete", "drop", "reschedule")
    },
    "plan:revision": _revision,
    **{
        f"plan:{n}": pk(Opportunity)
        for n in ("opportunity", "opportunity-edit", "opportunity-status", "opportunity-delete")
    },
    **{
        f"experiments:experiment{n}": pk(Experiment)
        for n in ("", "-edit", "-start", "-check-in", "-conclude", "-adapt", "-delete")
    },
    **{
        f"network:person{n}": pk(Person)
        for n in ("", "-edit", "-archive", "-delete", "-log", "-role-assign", "-role-end")
    },
    **{f"network:interaction{n}": pk(Interaction) for n in ("", "-edit", "-delete")},
    **{
        f"wins:{n}": pk(Win)
        for n in ("win", "win-edit", "win-delete", "metric-add", "collaborators", "audience-add")
    },
    "wins:metric-remove": _metric,
    "wins:audience-remove": _audience,
    **{
        f"conversations:{n}": pk(DevelopmentConversation)
        for n in (
            "conversation",
            "conversation-record",
            "conversation-agenda",
            "conversation-export",
            "conversation-edit",
            "conversation-cancel",
            "conversation-delete",
            "agreed-action-new",
        )
    },
    **{f"conversations:agreed-action-{n}": pk(AgreedAction) for n in ("done", "plan", "delete")},
    **{f"reflection:review{n}": pk(Review) for n in ("", "-complete", "-delete")},
    **{f"reflection:entry{n}": pk(JournalEntry) for n in ("", "-edit", "-delete")},
    **{
        f"reflection:note{n}": pk(PrivateNote, kind=PrivateNoteKind.NOTE)
        for n in ("", "-edit", "-delete")
    },
    "advocacy:gap-action": pk(Competency),
    **{f"advocacy:ladder{n}": pk(Ladder) for n in ("", "-delete")},
    "advocacy:win-competencies": pk(Win),
    **{f"advocacy:narrative{n}": pk(Narrative) for n in ("", "-regenerate", "-delete")},
    "advocacy:narrative-version": _narrative_version,
    "advocacy:narrative-export": _narrative_export,
    **{
        f"mentoring:{n}": lambda record: {"pk": record.program.pk}
        for n in (
            "program",
            "mentee-opt-in",
            "mentor-opt-in",
            "withdraw",
            "manage",
            "run",
            "publish",
        )
    },
    **{
        f"mentoring:match-{n}": lambda record: {"pk": record.pair.pk}
        for n in ("pin", "forbid", "release", "accept", "decline")
    },
    "admin:view_on_site": lambda record: {"content_type_id": "1", "object_id": "1"},
    "admin:app_list": lambda record: {"app_label": "auth"},
    **{f"admin:auth_group_{n}": _a_group for n in ("history", "delete", "change")},
    **{f"admin:auth_user_{n}": _an_account for n in ("history", "delete", "change")},
    "admin:auth_user_password_change": lambda record: {"id": str(record.other_owner.user.pk)},
    **{
        f"sharing:share{n}": lambda record: {"share_id": record.shares["viewer"].pk}
        for n in ("", "-revoke", "-extend", "-sections")
    },
    **{
        f"sharing:proposal-{n}": lambda record: {"proposal_id": record.proposal.pk}
        for n in ("accept", "decline")
    },
    **{
        f"sharing:comment-{n}": lambda record: {"comment_id": record.comment.pk}
        for n in ("reply", "resolve", "delete")
    },
    "sharing:agenda-point-delete": lambda record: {"point_id": record.point.pk},
    **{
        f"sharing:{n}": lambda record: {"share_id": record.shares["viewer"].pk}
        for n in ("comment-add", "proposal-add")
    },
    "calendars:feed": lambda record: {"token": "not-a-feed-token"},
    "calendars:conversation-download": lambda record: {"pk": record.conversation.pk},
    "sharing:accept": lambda record: {"token": "not-an-invitation-token"},
    "sharing:viewer-share": lambda record: {"share_id": record.shares["viewer"].pk},
    "sharing:viewer-plan-compare": lambda record: {"share_id": record.shares["viewer"].pk},
    "sharing:viewer-section": lambda record: {
        "share_id": record.shares["viewer"].pk,
        "section": SectionKey.PLAN,
    },
    "sharing:agenda-point-add": lambda record: {
        "share_id": record.shares["viewer"].pk,
        "conversation_id": record.conversation.pk,
    },
}


def _two_revisions(record: Record) -> str:
    numbers = PlanRevision.objects.for_owner(record.owner).order_by("number")
    older, newer = numbers.values_list("number", flat=True)[:2]
    return f"?from={older}&to={newer}"


# Pages that need a query to show anything: a comparison names its two revisions.
QUERIES: dict[str, Callable[[Record], str]] = {
    "sharing:viewer-plan-compare": _two_revisions,
}

# Patterns without a name, filled by hand.
UNNAMED: dict[str, Callable[[Record], str]] = {
    "admin/auth/group/<path:object_id>/": lambda record: "/admin/auth/group/1/",
    "admin/auth/user/<path:object_id>/": lambda record: (
        f"/admin/auth/user/{record.other_owner.user.pk}/"
    ),
    "admin/(?P<url>.*)$": lambda record: "/admin/no-such-page/",
}


# --- Expectations ------------------------------------------------------------------------

Statuses = tuple[int, int, int]  # GET, POST, HX


def _same(get: int, post: int | None = None, hx: int | None = None) -> Statuses:
    return (get, get if post is None else post, get if hx is None else hx)


def owner_page(
    get: int, post: int, hx: int | None = None, *, other: Statuses | None = None
) -> dict[str, Statuses]:
    """A page of the signed-in owner's own record, with no object in its URL: another owner
    gets their own (`other` where their record answers differently); an account without a
    career record gets the page saying so."""
    mine = _same(get, post, hx)
    cells = {role: _same(NO_RECORD) for role in (*VIEWERS, "staff")}
    return cells | {"owner": mine, "other_owner": other or mine, "anonymous": _same(SIGN_IN)}


def owner_object(get: int, post: int, hx: int | None = None) -> dict[str, Statuses]:
    """A page of one of Dana's objects: another owner gets a 404 (a 405 first where the
    method is refused before the object is looked up)."""
    mine = _same(get, post, hx)
    theirs = tuple(405 if status == 405 else 404 for status in mine)
    return owner_page(get, post, hx, other=theirs)  # type: ignore[arg-type]


def open_page(statuses: Statuses, **per_role: Statuses) -> dict[str, Statuses]:
    """The same answer for everyone, signed in or not (`per_role` says who differs)."""
    return {role: per_role.get(role, statuses) for role in ROLES}


def account_page(get: int, post: int, hx: int | None = None) -> dict[str, Statuses]:
    """A page of the signed-in account itself: the same for every account."""
    return open_page(_same(get, post, hx), anonymous=_same(SIGN_IN))


def viewer_page(*, viewer: Statuses, others: Statuses) -> dict[str, Statuses]:
    """A page of the supervisor's share: only its viewer gets `viewer`; every other account
    gets `others` (a 404 that confirms nothing)."""
    return open_page(others, viewer=viewer, anonymous=_same(SIGN_IN))


def instance_page(staff: Statuses) -> dict[str, Statuses]:
    """The administrator's Owners pages: any other account is refused (403, the pages
    hold no owner's object to hide); anonymous visitors are sent to sign in."""
    return open_page(_same(403), staff=staff, anonymous=_same(SIGN_IN))


def admin_page(staff: Statuses) -> dict[str, Statuses]:
    """Django's admin: the administrator's; everyone else is sent to its sign-in."""
    return open_page(_same(302), staff=staff)


EXPECTED: dict[str, dict[str, Statuses]] = {
    "home": owner_page(200, 200),
    "core:profile": owner_page(200, 200),
    "core:position-new": owner_page(200, 200),
    "core:position-edit": owner_object(200, 200),
    "core:position-delete": owner_object(200, 302),
    "core:health": open_page((200, 200, 200)),
    "accounts:signin": open_page((200, 200, 200)),
    "accounts:signin-link": open_page((200, 400, 200)),
    "accounts:signout": account_page(405, 302),
    "accounts:password": account_page(200, 200),
    "accounts:sessions": account_page(200, 200),
    "accounts:sign-out-everywhere": account_page(405, 302),
    "accounts:signup": open_page((200, 200, 200)),
    "accounts:signup-invitation": open_page((400, 400, 400)),
    "accounts:notice-dismiss": account_page(405, 302),
    "accounts:owners": instance_page((200, 405, 200)),
    "accounts:owner-deactivate": instance_page((405, 302, 405)),
    "accounts:owner-reactivate": instance_page((405, 302, 405)),
    "accounts:owner-delete": instance_page((200, 400, 200)),
    "accounts:invitations": instance_page((200, 400, 200)),
    "accounts:invitation-renew": instance_page((405, 302, 405)),
    "accounts:invitation-cancel": instance_page((405, 302, 405)),
    "direction:ambition": owner_page(200, 200),
    "direction:ambition-new": owner_page(200, 200),
    "direction:ambition-reviewed": owner_page(405, 302),
    "direction:ambition-compare": owner_page(302, 302),
    "direction:ambition-version": owner_object(200, 200),
    "direction:paths": owner_page(200, 200),
    "direction:path-new": owner_page(200, 200),
    "direction:path": owner_object(200, 200),
    "direction:path-edit": owner_object(200, 200),
    "direction:path-verdict": owner_object(200, 200),
    "direction:path-delete": owner_object(200, 302),
    "direction:goals": owner_page(200, 200),
    "direction:goal-new": owner_page(200, 200),
    "direction:goal": owner_object(200, 200),
    "direction:goal-edit": owner_object(200, 200),
    "direction:goal-status": owner_object(405, 302),
    "direction:goal-delete": owner_object(200, 302),
    "direction:goal-check-in": owner_object(405, 200),
    "direction:goal-check-in-delete": owner_object(405, 302),
    "plan:plan": owner_page(200, 200),
    "plan:plan-edit": owner_page(200, 200),
    "plan:action-new": owner_page(200, 200),
    "plan:action-edit": owner_object(200, 200),
    "plan:action-delete": owner_object(200, 302),
    "plan:action-start": owner_object(405, 302),
    "plan:action-complete": owner_object(405, 302),
    "plan:action-drop": owner_object(405, 302),
    "plan:action-reschedule": owner_object(405, 302),
    "plan:revisions": owner_page(200, 200),
    "plan:revise": owner_page(200, 302),
    "plan:revision-compare": owner_page(302, 302),
    "plan:revision": owner_object(200, 200),
    "plan:opportunities": owner_page(200, 200),
    "plan:opportunity-new": owner_page(200, 200),
    "plan:opportunity": owner_object(200, 200),
    "plan:opportunity-edit": owner_object(200, 200),
    "plan:opportunity-status": owner_object(405, 302),
    "plan:opportunity-delete": owner_object(200, 302),
    "experiments:experiments": owner_page(200, 200),
    "experiments:experiment-new": owner_page(200, 200),
    "experiments:experiment": owner_object(200, 200),
    "experiments:experiment-edit": owner_object(200, 200),
    "experiments:experiment-start": owner_object(405, 302),
    "experiments:experiment-check-in": owner_object(405, 200),
    "experiments:experiment-conclude": owner_object(200, 200),
    "experiments:experiment-adapt": owner_object(302, 302),
    "experiments:experiment-delete": owner_object(200, 302),
    "onboarding:role": owner_page(200, 200),
    "onboarding:history": owner_page(200, 200),
    "onboarding:ambition": owner_page(200, 200, other=(200, 302, 200)),
    "onboarding:goals": owner_page(200, 302),
    "onboarding:done": owner_page(405, 302),
    "onboarding:skip": owner_page(405, 302),
    "search:results": owner_page(200, 200),
    "network:people": owner_page(200, 200),
    "network:people-list": owner_page(200, 200),
    "network:person-new": owner_page(200, 200),
    "network:people-import": owner_page(200, 400),
    "network:people-import-mapping": owner_page(405, 302),
    "network:people-import-confirm": owner_page(405, 302),
    "network:people-to-place": owner_page(200, 405),
    "network:people-vcards": owner_page(200, 405),
    "network:person": owner_object(200, 200),
    "network:person-edit": owner_object(200, 200),
    "network:person-archive": owner_object(405, 302),
    "network:person-delete": owner_object(200, 302),
    "network:person-log": owner_object(405, 200),
    "network:person-role-assign": owner_object(405, 200),
    "network:person-role-end": owner_object(405, 302),
    "network:interactions": owner_page(200, 200),
    "network:interaction-new": owner_page(200, 200),
    "network:interaction": owner_object(200, 200),
    "network:interaction-edit": owner_object(200, 200),
    "network:interaction-delete": owner_object(200, 302),
    "wins:wins": owner_page(200, 200),
    "wins:win-new": owner_page(200, 200),
    "wins:win": owner_object(200, 200),
    "wins:win-edit": owner_object(200, 200),
    "wins:win-delete": owner_object(200, 302),
    "wins:metric-add": owner_object(405, 200),
    "wins:metric-remove": owner_object(405, 302),
    "wins:collaborators": owner_object(405, 302),
    "wins:audience-add": owner_object(405, 200),
    "wins:audience-remove": owner_object(405, 302),
    "conversations:conversations": owner_page(200, 200),
    "conversations:conversation-new": owner_page(200, 200),
    "conversations:conversation-record-new": owner_page(200, 200),
    "conversations:conversation": owner_object(200, 200),
    "conversations:conversation-record": owner_object(302, 302),
    "conversations:conversation-agenda": owner_object(302, 302),
    "conversations:conversation-export": owner_object(200, 200),
    "conversations:conversation-edit": owner_object(200, 200),
    "conversations:conversation-cancel": owner_object(405, 302),
    "conversations:conversation-delete": owner_object(200, 302),
    "conversations:agreed-action-new": owner_object(405, 200),
    "conversations:agreed-action-done": owner_object(405, 302),
    "conversations:agreed-action-plan": owner_object(405, 302),
    "conversations:agreed-action-delete": owner_object(200, 302),
    "reflection:reviews": owner_page(200, 200),
    "reflection:review-new": owner_page(200, 200),
    "reflection:review": owner_object(200, 200),
    "reflection:review-complete": owner_object(405, 200),
    "reflection:review-delete": owner_object(200, 302),
    "reflection:journal": owner_page(200, 200),
    "reflection:entry-new": owner_page(200, 200),
    "reflection:entry": owner_object(200, 200),
    "reflection:entry-edit": owner_object(200, 200),
    "reflection:entry-delete": owner_object(200, 302),
    "reflection:questions": owner_page(200, 200),
    "reflection:private": owner_page(200, 200),
    "reflection:backup-plan": owner_page(200, 302),
    "reflection:note-new": owner_page(200, 200),
    "reflection:note": owner_object(200, 200),
    "reflection:note-edit": owner_object(200, 200),
    "reflection:note-delete": owner_object(200, 302),
    "guidance:settings": owner_page(200, 200),
    "portability:data": owner_page(200, 405),
    "portability:export": owner_page(200, 405),
    "portability:backup": owner_page(302, 405),
    "portability:import": owner_page(405, 400),
    "portability:import-confirm": owner_page(405, 302),
    "portability:brag-doc": owner_page(200, 200),
    "portability:resume-json": owner_page(200, 200),
    "sharing:sharing": owner_page(200, 405),
    "sharing:share-new": owner_page(200, 400),
    "sharing:pack": owner_page(200, 400),
    "sharing:share": owner_object(200, 405),
    "sharing:share-revoke": owner_object(405, 302),
    "sharing:share-extend": owner_object(405, 400),
    "sharing:share-sections": owner_object(405, 400),
    # The feed's address is its key: no session needed, an unknown token is a 404.
    "calendars:feed": open_page((404, 405, 404)),
    # Probes: no session, nothing of any record; POST is not theirs.
    "operations:healthz": open_page((200, 405, 200)),
    "operations:readyz": open_page((200, 405, 200)),
    "calendars:settings": owner_page(200, 400),
    "tokens:tokens": owner_page(200, 400),
    "tokens:revoke": owner_object(405, 302),
    "calendars:conversation-download": owner_object(200, 405),
    "sharing:accept": open_page((200, 400, 200)),
    "sharing:shared-with-me": account_page(200, 405),
    "sharing:viewer-share": viewer_page(viewer=(200, 405, 200), others=(404, 405, 404)),
    "sharing:viewer-plan-compare": viewer_page(viewer=(200, 405, 200), others=(404, 405, 404)),
    "sharing:comment-add": account_page(405, 404),
    "sharing:proposal-add": viewer_page(viewer=(405, 302, 405), others=(405, 404, 405)),
    "sharing:agenda-point-add": viewer_page(viewer=(405, 302, 405), others=(405, 404, 405)),
    "sharing:viewer-section": viewer_page(viewer=(200, 405, 200), others=(404, 405, 404)),
    "sharing:proposals": owner_page(200, 405),
    "sharing:proposal-accept": owner_object(405, 302),
    "sharing:proposal-decline": owner_object(405, 302),
    "sharing:comment-reply": owner_object(405, 302),
    "sharing:comment-resolve": owner_object(405, 302),
    "sharing:comment-delete": owner_object(405, 302),
    "sharing:agenda-point-delete": owner_object(405, 302),
    "advocacy:readiness": owner_page(200, 200),
    "advocacy:gap-action": owner_object(405, 302),
    "advocacy:assessments": owner_page(200, 200),
    "advocacy:assessment-new": owner_page(200, 200),
    "advocacy:assessment-compare": owner_page(200, 200),
    "advocacy:ladders": owner_page(200, 200),
    "advocacy:ladder-sample": owner_page(302, 400),
    "advocacy:ladder-upload": owner_page(302, 400),
    "advocacy:ladder-guide": owner_page(200, 200),
    "advocacy:ladder": owner_object(200, 302),
    "advocacy:ladder-delete": owner_object(200, 302),
    "advocacy:win-competencies": owner_object(200, 302),
    "advocacy:narratives": owner_page(200, 200),
    "advocacy:narrative": owner_object(200, 200),
    "advocacy:narrative-version": owner_object(200, 200),
    "advocacy:narrative-regenerate": owner_object(405, 302),
    "advocacy:narrative-delete": owner_object(200, 302),
    "advocacy:narrative-export": owner_object(200, 200),
    "admin:index": admin_page((200, 200, 200)),
    "admin:login": open_page((200, 200, 200), staff=(302, 200, 302)),
    "admin:logout": admin_page((405, 200, 405)),
    "admin:password_change": admin_page((200, 200, 200)),
    "admin:password_change_done": admin_page((200, 405, 200)),
    "admin:autocomplete": admin_page((403, 405, 403)),
    "admin:jsi18n": admin_page((200, 405, 200)),
    "admin:view_on_site": account_page(404, 404),
    "admin:auth_group_changelist": admin_page((200, 200, 200)),
    "admin:auth_group_add": admin_page((200, 200, 200)),
    "admin:auth_group_history": open_page((302, 302, 302)),
    "admin:auth_group_delete": open_page((302, 302, 302)),
    "admin:auth_group_change": open_page((302, 302, 302)),
    "admin/auth/group/<path:object_id>/": open_page((302, 302, 302)),
    # Mentoring: a program is any owner's to see and opt in to; only its administrators
    # manage it, and a pair is answered only by its two sides (another owner: 404).
    "mentoring:programs": owner_page(200, 200),
    "mentoring:program-new": owner_page(200, 200),
    "mentoring:program": owner_page(200, 200),
    "mentoring:mentee-opt-in": owner_page(200, 200),
    "mentoring:mentor-opt-in": owner_page(200, 200),
    "mentoring:withdraw": owner_page(405, 302),
    "mentoring:manage": owner_object(200, 200),
    **{f"mentoring:{n}": owner_object(405, 302) for n in ("run", "publish")},
    **{
        f"mentoring:match-{n}": owner_object(405, 302)
        for n in ("pin", "forbid", "release", "accept", "decline")
    },
    "admin:auth_user_password_change": admin_page((404, 404, 404)),
    "admin:auth_user_changelist": admin_page((200, 200, 200)),
    "admin:auth_user_add": admin_page((200, 200, 200)),
    "admin:auth_user_history": admin_page((200, 200, 200)),
    "admin:auth_user_delete": admin_page((200, 200, 200)),
    "admin:auth_user_change": admin_page((200, 302, 200)),
    "admin/auth/user/<path:object_id>/": open_page((302, 302, 302)),
    "admin:app_list": admin_page((200, 200, 200)),
    "admin/(?P<url>.*)$": admin_page((404, 404, 404)),
}


# --- The walk ----------------------------------------------------------------------------


# The JSON API's operations authenticate with a token, not a session: they are crossed with
# every scope, and the session cookie's read-only rule is tested, in
# src/wayfinder/api/tests/test_api.py (the scope matrix walks the API's own schema).
WALKED_ELSEWHERE = {"api"}


def url_patterns() -> Iterator[tuple[str, str]]:
    """Every pattern of the URLconf: its key (the URL name, or the route of an unnamed one)
    and its route."""

    def walk(patterns: list, namespace: str, prefix: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver) and pattern.namespace in WALKED_ELSEWHERE:
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                yield (f"{namespace}{pattern.name}" if pattern.name else route), route

    yield from walk(get_resolver().url_patterns, "", "")


def url_of(key: str, record: Record) -> str:
    """The URL of pattern `key`, its arguments filled from the record."""
    if key in UNNAMED:  # a pattern without a name: its route, filled by hand
        return UNNAMED[key](record)
    query = QUERIES[key](record) if key in QUERIES else ""
    return reverse(key, kwargs=KWARGS.get(key, _no_kwargs)(record)) + query


def _status(client: Client, method: str, url: str) -> int:
    """One request, rolled back, with the client's cookies as they were before it."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if method == "POST":
                response = client.post(url)
            elif method == "HX":
                response = client.get(url, headers={"HX-Request": "true"})
            else:
                response = client.get(url)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response.status_code


def test_every_url_pattern_has_an_entry():
    keys = [key for key, _route in url_patterns()]
    missing = [key for key in keys if key not in EXPECTED]
    assert not missing, f"URL patterns without an entry in the authorization matrix: {missing}"
    stale = sorted(set(EXPECTED) - set(keys))
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"
    assert all(set(EXPECTED[key]) == set(ROLES) for key in EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("key", [key for key, _route in url_patterns()])
def test_every_role_and_method_gets_its_status(record, clients, key):
    if key not in EXPECTED:
        pytest.fail(f"{key} has no entry in the authorization matrix")
    url = url_of(key, record)
    wrong = []
    for role in ROLES:
        for method, expected in zip(METHODS, EXPECTED[key][role], strict=True):
            got = _status(clients[role], method, url)
            if got != expected:
                wrong.append(f"{role} {method}: {got}, expected {expected}")
    assert not wrong, f"{url}: " + "; ".join(wrong)
