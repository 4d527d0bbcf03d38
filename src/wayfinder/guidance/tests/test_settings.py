"""The owner's own thresholds: stored once per owner, used everywhere, edited on a page."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from wayfinder.cli import main
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance import indicators
from wayfinder.guidance.indicators import ATTENTION, HEALTHY
from wayfinder.guidance.models import THRESHOLD_FIELDS, GuidanceSettings
from wayfinder.guidance.report import report_for
from wayfinder.guidance.selectors import thresholds_for
from wayfinder.guidance.services import (
    GuidanceError,
    guidance_settings_reset,
    guidance_settings_update,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
URL = "/settings/guidance/"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def supervisor_state(owner) -> str:
    return indicators.supervisor(owner, TODAY, thresholds_for(owner=owner)).state


def test_the_model_holds_every_threshold_with_the_same_defaults(owner):
    settings = GuidanceSettings(owner=owner)
    assert settings.thresholds == DEFAULTS
    assert set(THRESHOLD_FIELDS) <= {f.name for f in GuidanceSettings._meta.fields}
    assert settings.digest_send_empty is False


def test_without_settings_the_defaults_apply(owner):
    assert thresholds_for(owner=owner) == DEFAULTS


@pytest.mark.parametrize(("cadence", "expected"), [(45, ATTENTION), (59, ATTENTION), (60, HEALTHY)])
def test_the_supervisor_cadence_changes_the_supervisor_verdict(owner, cadence, expected):
    DevelopmentConversationFactory(owner=owner, held_on=TODAY - dt.timedelta(days=60))
    guidance_settings_update(owner=owner, supervisor_days=cadence)
    assert supervisor_state(owner) == expected


def test_today_and_the_report_follow_the_owner_thresholds(owner, capsys):
    DevelopmentConversationFactory(owner=owner, held_on=dt.date.today() - dt.timedelta(days=50))
    main(["today"])
    assert "Supervisor:" in capsys.readouterr().out
    guidance_settings_update(owner=owner, supervisor_days=60)
    main(["today"])
    assert "Supervisor:" not in capsys.readouterr().out
    report = report_for(owner=owner, today=TODAY)
    assert next(i for i in report.indicators if i.key == "supervisor").state == HEALTHY


def test_one_owner_settings_leave_another_owner_alone(owner, outsider):
    DevelopmentConversationFactory(owner=owner, held_on=TODAY - dt.timedelta(days=60))
    DevelopmentConversationFactory(owner=outsider, held_on=TODAY - dt.timedelta(days=60))
    guidance_settings_update(owner=outsider, supervisor_days=90)
    assert thresholds_for(owner=owner) == DEFAULTS
    assert supervisor_state(owner) == ATTENTION
    assert supervisor_state(outsider) == HEALTHY


def test_update_keeps_one_row_and_the_other_values(owner):
    guidance_settings_update(owner=owner, supervisor_days=30)
    guidance_settings_update(owner=owner, min_mentors=3, digest_send_empty=True)
    settings = GuidanceSettings.objects.get(owner=owner)
    assert (settings.supervisor_days, settings.min_mentors) == (30, 3)
    assert settings.digest_send_empty is True


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"supervisor_days": 0}, "supervisor_days: Use a whole number from 1 to 3650."),
        ({"review_days": 4000}, "review_days: Use a whole number from 1 to 3650."),
        ({"sponsor_min_levels_above": 7}, "Use a whole number from 1 to 6."),
        ({"supervisor_cadence": 30}, "not guidance settings: supervisor_cadence"),
    ],
)
def test_update_refuses_bad_values_and_writes_nothing(owner, fields, message):
    with pytest.raises(GuidanceError, match=message):
        guidance_settings_update(owner=owner, **fields)
    assert not GuidanceSettings.objects.exists()


def test_the_database_refuses_a_second_row_or_a_zero(owner):
    guidance_settings_update(owner=owner, supervisor_days=30)
    with pytest.raises(IntegrityError), transaction.atomic():
        GuidanceSettings.objects.create(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        GuidanceSettings.objects.filter(owner=owner).update(win_days=0)


def test_reset_brings_the_thresholds_back_and_keeps_the_digest_choice(owner):
    guidance_settings_update(owner=owner, supervisor_days=30, digest_send_empty=True)
    guidance_settings_reset(owner=owner)
    assert thresholds_for(owner=owner) == DEFAULTS
    assert GuidanceSettings.objects.get(owner=owner).digest_send_empty is True


def test_the_page_needs_a_signed_in_owner(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert f"next={URL}" in response.url


def test_the_page_shows_labels_help_and_defaults(signed_in):
    content = signed_in.get(URL).content.decode()
    assert "How often you want a development conversation with your supervisor" in content
    assert "The default is 45." in content
    assert 'min="1"' in content and 'max="3650"' in content
    assert "Reset the thresholds to the defaults" in content


def posted(**changes) -> dict:
    data = {name: getattr(DEFAULTS, name) for name in THRESHOLD_FIELDS}
    data["email"] = "dana@example.com"
    data.update(changes)
    return data


def test_saving_the_page_changes_only_this_owner(signed_in, owner, outsider):
    response = signed_in.post(URL, posted(supervisor_days=30, digest_send_empty="on"))
    assert response.status_code == 302
    settings = GuidanceSettings.objects.get(owner=owner)
    assert settings.supervisor_days == 30 and settings.digest_send_empty
    owner.user.refresh_from_db()
    assert owner.user.email == "dana@example.com"
    assert not GuidanceSettings.objects.filter(owner=outsider).exists()
    assert "Saved" in signed_in.get(URL).content.decode()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"supervisor_days": "0"}, "Use a whole number from 1 to 3650."),
        ({"supervisor_days": "monthly"}, "Enter a whole number."),
        ({"min_mentors": "21"}, "Use a whole number from 1 to 20."),
        ({"email": "dana at example"}, "That is not an email address"),
    ],
)
def test_the_page_refuses_bad_input_and_writes_nothing(signed_in, owner, changes, error):
    email = owner.user.email
    response = signed_in.post(URL, posted(**changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not GuidanceSettings.objects.exists()
    owner.user.refresh_from_db()
    assert owner.user.email == email != "dana@example.com"


def test_the_page_reset_button(signed_in, owner):
    guidance_settings_update(owner=owner, supervisor_days=30)
    response = signed_in.post(URL, {"reset": "1"})
    assert response.status_code == 302
    assert thresholds_for(owner=owner) == DEFAULTS


def test_profile_and_dashboard_link_to_the_settings(signed_in):
    assert f'href="{URL}"' in signed_in.get("/profile/").content.decode()
    assert f'href="{URL}"' in signed_in.get("/").content.decode()


def test_the_dashboard_follows_a_cadence_changed_on_the_page(signed_in, owner):
    DevelopmentConversationFactory(owner=owner, held_on=dt.date.today() - dt.timedelta(days=50))
    nudge = "<strong>Supervisor</strong>"
    assert nudge in signed_in.get("/").content.decode()
    signed_in.post(URL, posted(supervisor_days=60))
    assert nudge not in signed_in.get("/").content.decode()


@pytest.mark.parametrize("ticked", [False, True])
def test_the_digest_checkbox_says_what_ticking_it_does_in_either_state(signed_in, owner, ticked):
    guidance_settings_update(owner=owner, digest_send_empty=ticked)
    content = signed_in.get(URL).content.decode()
    assert "Send the digest in quiet weeks too" in content
    # The help reads true whether the box is ticked or not: it names both states.
    assert "Ticked: the digest comes every week" in content
    assert "Not ticked: such a quiet week sends no email." in content
    assert "Off:" not in content
    checkbox = content[content.index('name="digest_send_empty"') :].split(">", 1)[0]
    assert ("checked" in checkbox) is ticked
