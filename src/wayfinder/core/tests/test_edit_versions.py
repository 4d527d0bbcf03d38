"""No lost update: every edit form carries the version it was opened at, and a save over a
change made since is refused, listing what changed (issue 8, §3.6).

A table over every edit view: open the form, change the object through its service (as
another session would), post the stale form: refused, with the field and its value now,
the person's input kept, the object unchanged. Open it afresh and post: saved.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.urls import URLResolver, get_resolver, reverse

from wayfinder.calendars.models import KIND_FIELDS, FeedKind
from wayfinder.calendars.services import calendar_feed_set_kinds
from wayfinder.conversations.services import conversation_update
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.forms import StaleEdit
from wayfinder.core.services import position_update, profile_update
from wayfinder.core.tests.factories import TODAY, PositionFactory
from wayfinder.direction.services import goal_update, path_decide, path_update
from wayfinder.direction.tests.factories import CareerPathFactory, GoalFactory
from wayfinder.experiments.services import experiment_update
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.guidance.selectors import thresholds_for
from wayfinder.guidance.services import guidance_settings_update, owner_email_set
from wayfinder.network.services import interaction_update, person_archive, person_update
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.plan.services import (
    action_update,
    opportunity_update,
    plan_get_or_create,
    plan_update,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory, OpportunityFactory
from wayfinder.reflection.services import (
    backup_plan_get_or_create,
    journal_update,
    private_note_update,
    review_complete,
)
from wayfinder.reflection.tests.factories import (
    JournalEntryFactory,
    PrivateNoteFactory,
    ReviewFactory,
)
from wayfinder.wins.services import win_update
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

THEIRS = "Changed elsewhere"
MINE = "Mine, typed in the stale form"
# Edit pages of one thing the owner has one of: no id in the address.
SINGLE_PAGES = {
    "core:profile",
    "plan:plan-edit",
    "onboarding:role",
    "reflection:backup-plan",
    "guidance:settings",
    "calendars:settings",
}
# Edit pages whose address is not named '-edit'.
OTHER_EDIT_PAGES = SINGLE_PAGES - {"plan:plan-edit"} | {
    "direction:path-verdict",
    "reflection:review-complete",
}


def _backup_plan(owner):
    plan = backup_plan_get_or_create(owner=owner)
    return private_note_update(owner=owner, note=plan, body="Talk to the platform team")


def _interaction(owner):
    interaction = InteractionFactory(owner=owner)
    interaction.people.set([PersonFactory(owner=owner)])
    return interaction


@dataclass(frozen=True)
class Edit:
    name: str
    make: Callable[[Any], Any]
    url_name: str
    # What another session changes through the service, and the form label it shows under.
    theirs: str
    label: str
    change: Callable[..., Any]
    # What the person types in their (stale) form.
    mine: str
    theirs_value: Any = THEIRS
    mine_value: Any = MINE
    # The model attribute behind a form field, where the names differ.
    attrs: dict[str, str] = dataclasses.field(default_factory=dict)
    # A form shown on one page and posted to another: the page's context name and the
    # address it posts to.
    context: str = "form"
    post_name: str = ""

    def _address(self, name: str, obj) -> str:
        if name in SINGLE_PAGES:
            return reverse(name)
        return reverse(name, args=[obj.pk])

    def url(self, obj) -> str:
        return self._address(self.url_name, obj)

    def post_url(self, obj) -> str:
        return self._address(self.post_name or self.url_name, obj)

    def read(self, obj, name: str):
        return getattr(obj, self.attrs.get(name, name))


EDITS = [
    Edit(
        "profile",
        lambda owner: owner,
        "core:profile",
        "current_title",
        "Current title",
        lambda owner, obj, **c: profile_update(owner=owner, **c),
        "organisation",
    ),
    Edit(
        "position",
        lambda owner: PositionFactory(owner=owner),
        "core:position-edit",
        "title",
        "Title",
        lambda owner, obj, **c: position_update(owner=owner, position=obj, today=TODAY, **c),
        "location",
    ),
    Edit(
        "path",
        lambda owner: CareerPathFactory(owner=owner),
        "direction:path-edit",
        "title",
        "Path",
        lambda owner, obj, **c: path_update(owner=owner, path=obj, **c),
        "description",
    ),
    Edit(
        "goal",
        lambda owner: GoalFactory(owner=owner),
        "direction:goal-edit",
        "title",
        "Title",
        lambda owner, obj, **c: goal_update(owner=owner, goal=obj, **c),
        "description",
    ),
    Edit(
        "experiment",
        lambda owner: ExperimentFactory(owner=owner),
        "experiments:experiment-edit",
        "title",
        "Title",
        lambda owner, obj, **c: experiment_update(owner=owner, experiment=obj, **c),
        "hypothesis",
    ),
    Edit(
        "person",
        lambda owner: PersonFactory(owner=owner),
        "network:person-edit",
        "title",
        "Title",
        lambda owner, obj, **c: person_update(owner=owner, person=obj, **c),
        "notes",
    ),
    Edit(
        "interaction",
        _interaction,
        "network:interaction-edit",
        "notes",
        "What you talked about",
        lambda owner, obj, **c: interaction_update(owner=owner, interaction=obj, **c),
        "follow_ups",
    ),
    Edit(
        "plan",
        lambda owner: plan_get_or_create(owner=owner),
        "plan:plan-edit",
        "focus",
        "Focus",
        lambda owner, obj, **c: plan_update(owner=owner, **c),
        "title",
    ),
    Edit(
        "action",
        lambda owner: DevelopmentActionFactory(owner=owner),
        "plan:action-edit",
        "title",
        "Title",
        lambda owner, obj, **c: action_update(owner=owner, action=obj, **c),
        "notes",
    ),
    Edit(
        "opportunity",
        lambda owner: OpportunityFactory(owner=owner),
        "plan:opportunity-edit",
        "title",
        "Title",
        lambda owner, obj, **c: opportunity_update(owner=owner, opportunity=obj, **c),
        "description",
    ),
    Edit(
        # Both sessions change the same field: the refusal shows the other's text.
        "journal entry",
        lambda owner: JournalEntryFactory(owner=owner),
        "reflection:entry-edit",
        "answer",
        "Your answer",
        lambda owner, obj, **c: journal_update(owner=owner, entry=obj, **c),
        "answer",
    ),
    Edit(
        "private note",
        lambda owner: PrivateNoteFactory(owner=owner),
        "reflection:note-edit",
        "title",
        "Title",
        lambda owner, obj, **c: private_note_update(owner=owner, note=obj, **c),
        "body",
    ),
    Edit(
        "win",
        lambda owner: WinFactory(owner=owner),
        "wins:win-edit",
        "title",
        "What happened, in a line",
        lambda owner, obj, **c: win_update(owner=owner, win=obj, **c),
        "result",
    ),
    Edit(
        "conversation",
        lambda owner: DevelopmentConversationFactory(owner=owner),
        "conversations:conversation-edit",
        "notes",
        "Notes",
        lambda owner, obj, **c: conversation_update(owner=owner, conversation=obj, **c),
        "agenda",
    ),
    Edit(
        "onboarding role",
        lambda owner: owner,
        "onboarding:role",
        "current_title",
        "Current title",
        lambda owner, obj, **c: profile_update(owner=owner, **c),
        "organisation",
    ),
    Edit(
        # Both sessions change the one field.
        "backup plan",
        _backup_plan,
        "reflection:backup-plan",
        "body",
        "Your backup plan",
        lambda owner, obj, **c: private_note_update(owner=owner, note=obj, **c),
        "body",
    ),
    Edit(
        "guidance settings",
        lambda owner: guidance_settings_update(owner=owner, win_days=30),
        "guidance:settings",
        "win_days",
        "Wins, in days",
        lambda owner, obj, **c: guidance_settings_update(owner=owner, **c),
        "review_days",
        theirs_value=45,
        mine_value=100,
    ),
    Edit(
        # Both sessions change the one field.
        "calendar feed settings",
        lambda owner: calendar_feed_set_kinds(owner=owner, kinds=list(FeedKind.values)),
        "calendars:settings",
        "conversation_minutes",
        "Conversations last, in minutes",
        lambda owner, obj, **c: calendar_feed_set_kinds(
            owner=owner,
            kinds=[kind for kind, field in KIND_FIELDS.items() if getattr(obj, field)],
            **c,
        ),
        "conversation_minutes",
        theirs_value=45,
        mine_value=90,
    ),
    Edit(
        "path verdict",
        lambda owner: CareerPathFactory(owner=owner, verdict_reason="Too early to say"),
        "direction:path-verdict",
        "reason",
        "Why",
        lambda owner, obj, **c: path_decide(
            owner=owner, path=obj, verdict=obj.verdict, reason=c["reason"], today=obj.created_at
        ),
        "reason",
        attrs={"reason": "verdict_reason"},
    ),
    Edit(
        # The summary form is on the review's page and posts to its own address.
        "review summary",
        lambda owner: ReviewFactory(owner=owner, summary="A first conclusion"),
        "reflection:review",
        "summary",
        "What did you conclude?",
        lambda owner, obj, **c: review_complete(owner=owner, review=obj, **c),
        "summary",
        context="complete_form",
        post_name="reflection:review-complete",
    ),
]


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _views(patterns, namespace: str = "") -> dict[str, Callable]:
    """Every named address and the view function behind it."""
    views = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            views |= _views(pattern.url_patterns, inner)
        elif pattern.name:
            view = inspect.unwrap(pattern.callback)
            # A view made with functools.partial (the API's): its function holds the source.
            views[f"{namespace}{pattern.name}"] = getattr(view, "func", view)
    return views


# The addresses the edit forms post to.
COVERED = {edit.post_name or edit.url_name for edit in EDITS}


def test_the_table_covers_every_edit_view():
    views = _views(get_resolver().url_patterns)
    edit_views = {name for name in views if name.endswith("-edit")}

    assert edit_views | OTHER_EDIT_PAGES == COVERED
    # An edit page by another name: a view that binds a form to an existing object
    # (`instance=`) or gives it a version (`edited=`) is in the table, and gives the version.
    sources = {name: inspect.getsource(view) for name, view in views.items()}
    binding = {name for name, source in sources.items() if "instance=" in source}
    versioned = {name for name, source in sources.items() if "edited=" in source}
    assert binding <= versioned
    assert versioned <= COVERED


def form_data(response, context: str = "form") -> dict[str, Any]:
    """What the browser would post back, untouched, from the page's form."""
    data: dict[str, Any] = {}
    for field in response.context[context]:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_a_stale_edit_is_refused_and_a_fresh_one_is_saved(signed_in, owner, edit):
    obj = edit.make(owner)
    url, post_url = edit.url(obj), edit.post_url(obj)
    opened = form_data(signed_in.get(url), edit.context)
    assert opened["version"]
    before = edit.read(obj, edit.mine)

    edit.change(owner, _fresh(obj), **{edit.theirs: edit.theirs_value})
    response = signed_in.post(post_url, {**opened, edit.mine: str(edit.mine_value)})

    assert response.status_code == 200
    form = response.context[edit.context]
    [error] = form.non_field_errors()
    assert "changed elsewhere since you opened it" in error
    assert f"{edit.label}: “{edit.theirs_value}”" in error
    # The person's input is kept for them to check; the object keeps the other's change.
    assert form[edit.mine].value() == str(edit.mine_value)
    now = _fresh(obj)
    assert edit.read(now, edit.theirs) == edit.theirs_value
    if edit.mine != edit.theirs:
        assert edit.read(now, edit.mine) == before

    reopened = form_data(signed_in.get(url), edit.context)
    response = signed_in.post(post_url, {**reopened, edit.mine: str(edit.mine_value)})

    assert response.status_code == 302, response.context[edit.context].errors
    now = _fresh(obj)
    assert edit.read(now, edit.mine) == edit.mine_value
    if edit.mine != edit.theirs:
        assert edit.read(now, edit.theirs) == edit.theirs_value


def test_saving_the_refused_form_again_is_a_decision_and_goes_through(signed_in, owner):
    win = WinFactory(owner=owner, title="Before")
    url = reverse("wins:win-edit", args=[win.pk])
    opened = form_data(signed_in.get(url))
    win_update(owner=owner, win=_fresh(win), title=THEIRS)

    refused = signed_in.post(url, {**opened, "title": "Mine"})
    again = signed_in.post(url, form_data(refused))

    assert again.status_code == 302
    assert _fresh(win).title == "Mine"


def test_a_change_outside_the_form_still_refuses_the_stale_save(signed_in, owner):
    # Archiving is not in the edit form, but the save would write the whole row back.
    person = PersonFactory(owner=owner, notes="Before")
    url = reverse("network:person-edit", args=[person.pk])
    opened = form_data(signed_in.get(url))
    person_archive(owner=owner, person=_fresh(person))

    response = signed_in.post(url, {**opened, "notes": MINE})

    [error] = response.context["form"].non_field_errors()
    assert "though not in this form" in error
    now = _fresh(person)
    assert now.is_active is False
    assert now.notes == "Before"


def test_a_changed_choice_or_person_is_shown_by_its_name(signed_in, owner):
    supervisor = PersonFactory(owner=owner, name="Grace Hopper")
    conversation = DevelopmentConversationFactory(owner=owner)
    url = reverse("conversations:conversation-edit", args=[conversation.pk])
    opened = form_data(signed_in.get(url))
    conversation_update(owner=owner, conversation=_fresh(conversation), supervisor=supervisor)

    response = signed_in.post(url, opened)

    [error] = response.context["form"].non_field_errors()
    assert "“Grace Hopper”" in error
    assert _fresh(conversation).supervisor == supervisor


def test_an_edit_deleted_elsewhere_is_not_recreated(signed_in, owner):
    note = PrivateNoteFactory(owner=owner)
    url = reverse("reflection:note-edit", args=[note.pk])
    page = signed_in.get(url)
    form = page.context["form"]

    note.delete()
    # The view would 404 on a fresh request; the save-time check covers the moment between.
    form = type(form)(
        {**form_data(page), "title": MINE},
        initial={"title": note.title, "body": note.body},
        edited=note,
    )
    assert form.is_valid()
    with pytest.raises(StaleEdit, match="deleted elsewhere"), form.unchanged_since_opened():
        pytest.fail("the save must not run")


@pytest.mark.parametrize("version", ["", None, "not a version", "2026-13-45T99:00;x:y"])
def test_a_post_without_a_usable_version(signed_in, owner, version):
    """No version (an older page, a script) saves as before; a mangled one is refused."""
    win = WinFactory(owner=owner, title="Before")
    url = reverse("wins:win-edit", args=[win.pk])
    data = form_data(signed_in.get(url))
    if version is None:
        del data["version"]
    else:
        data["version"] = version

    response = signed_in.post(url, {**data, "title": "Mine"})

    assert response.status_code == (302 if not version else 200)
    assert _fresh(win).title == ("Mine" if not version else "Before")


def test_the_digest_address_changed_elsewhere_is_not_undone(signed_in, owner):
    # The address is the account's email: changing it does not touch the settings row.
    guidance_settings_update(owner=owner, win_days=30)
    owner_email_set(owner=owner, email="before@example.com")
    url = reverse("guidance:settings")
    opened = form_data(signed_in.get(url))
    owner_email_set(owner=owner, email="theirs@example.com")

    response = signed_in.post(url, {**opened, "win_days": "40"})

    [error] = response.context["form"].non_field_errors()
    assert "Send the weekly digest to: “theirs@example.com”" in error
    owner.user.refresh_from_db()
    assert owner.user.email == "theirs@example.com"
    assert thresholds_for(owner=owner).win_days == 30

    # Having read it, the person keeps the other's address and their own threshold.
    again = signed_in.post(url, {**form_data(response), "email": "theirs@example.com"})

    assert again.status_code == 302
    owner.user.refresh_from_db()
    assert owner.user.email == "theirs@example.com"
    assert thresholds_for(owner=owner).win_days == 40
