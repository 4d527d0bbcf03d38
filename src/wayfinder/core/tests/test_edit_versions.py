"""No lost update: every edit form carries the version it was opened at, and a save over a
change made since is refused, listing what changed (issue 8, §3.6).

A table over every edit view: open the form, change the object through its service (as
another session would), post the stale form: refused, with the field and its value now,
the person's input kept, the object unchanged. Open it afresh and post: saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.urls import URLResolver, get_resolver, reverse

from wayfinder.conversations.services import conversation_update
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.forms import StaleEdit
from wayfinder.core.services import profile_update
from wayfinder.direction.services import goal_update, path_update
from wayfinder.direction.tests.factories import CareerPathFactory, GoalFactory
from wayfinder.experiments.services import experiment_update
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.services import interaction_update, person_archive, person_update
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.plan.services import (
    action_update,
    opportunity_update,
    plan_get_or_create,
    plan_update,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory, OpportunityFactory
from wayfinder.reflection.services import journal_update, private_note_update
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.wins.services import win_update
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

THEIRS = "Changed elsewhere"
MINE = "Mine, typed in the stale form"
# Edit pages of the owner's one profile and one plan: no id in the address.
SINGLE_PAGES = {"core:profile", "plan:plan-edit"}


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

    def url(self, obj) -> str:
        if self.url_name in SINGLE_PAGES:
            return reverse(self.url_name)
        return reverse(self.url_name, args=[obj.pk])


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


def test_the_table_covers_every_edit_view():
    edit_views = {
        name for name in _url_names(get_resolver().url_patterns) if name.endswith("-edit")
    }

    assert edit_views | {"core:profile"} == {edit.url_name for edit in EDITS}


def form_data(response) -> dict[str, Any]:
    """What the browser would post back, untouched, from the page's form."""
    data: dict[str, Any] = {}
    for field in response.context["form"]:
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
    url = edit.url(obj)
    opened = form_data(signed_in.get(url))
    assert opened["version"]
    before = getattr(obj, edit.mine)

    edit.change(owner, _fresh(obj), **{edit.theirs: THEIRS})
    response = signed_in.post(url, {**opened, edit.mine: MINE})

    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert "changed elsewhere since you opened it" in error
    assert f"{edit.label}: “{THEIRS}”" in error
    # The person's input is kept for them to check; the object keeps the other's change.
    assert response.context["form"][edit.mine].value() == MINE
    now = _fresh(obj)
    assert getattr(now, edit.theirs) == THEIRS
    if edit.mine != edit.theirs:
        assert getattr(now, edit.mine) == before

    reopened = form_data(signed_in.get(url))
    response = signed_in.post(url, {**reopened, edit.mine: MINE})

    assert response.status_code == 302, response.context["form"].errors
    now = _fresh(obj)
    assert getattr(now, edit.mine) == MINE
    if edit.mine != edit.theirs:
        assert getattr(now, edit.theirs) == THEIRS


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
