"""NUL bytes and lone surrogates are refused with a clear message everywhere (issue 8 §3.8),
and every form view honours is_valid() (§3.9).

PostgreSQL refuses a NUL in text with a 500; neither database can encode a lone surrogate.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wayfinder.accounts.models import SignInAttempt
from wayfinder.advocacy.models import Ladder
from wayfinder.core.checks import ensure_storable
from wayfinder.core.models import DataVersion, Skill
from wayfinder.core.storable import text_problem
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.models import Win

pytestmark = pytest.mark.django_db

GUARD = "wayfinder.core.middleware.UnstorableInputMiddleware"


@pytest.fixture
def client():
    # A server error is a response to assert on, not an exception in the test.
    return Client(raise_request_exception=False)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def without_guard(settings):
    """The views alone, to prove they hold up without the middleware in front."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != GUARD]


@pytest.mark.parametrize(
    ("text", "problem"),
    [("ad\x00min", "NUL character"), ("a\ud800b", "lone surrogate"), ("fine é 😀", None)],
)
def test_text_problem_names_what_cannot_be_stored(text, problem):
    found = text_problem(text)
    assert (found is None) if problem is None else problem in found


def test_signing_in_with_a_nul_in_the_username_is_a_clear_400(client):
    response = client.post(reverse("accounts:signin"), {"username": "ad\x00min", "password": "x"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert not SignInAttempt.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=launch%00",
        "/wins/?skill=a%00b",
        "/people/list/?function=a%00b",
        "/wins/?since=2026-01-01%00",
        "/wins/?sk%00ill=x",
    ],
)
def test_a_nul_in_a_query_string_is_a_clear_400(signed_in, url):
    response = signed_in.get(url)
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode()


def test_a_nul_in_a_posted_form_is_a_400_that_changes_nothing(signed_in, owner):
    response = signed_in.post(
        reverse("wins:win-new"),
        {"title": "Launched", "occurred_on": "2026-11-20", "skills": "neg\x00otiation"},
    )
    assert response.status_code == 400
    assert "“skills”" in response.content.decode()
    assert not Win.objects.exists()
    assert not Skill.objects.exists()


def test_completing_an_action_with_a_nul_in_the_evidence_changes_nothing(signed_in, owner):
    action = DevelopmentActionFactory(owner=owner)
    response = signed_in.post(
        reverse("plan:action-complete", args=[action.pk]), {"evidence": "a\x00b"}
    )
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status != ActionStatus.DONE


def test_the_complete_view_itself_honours_is_valid(signed_in, owner, without_guard):
    """It read cleaned_data["evidence"] of an invalid form: a KeyError, a 500."""
    action = DevelopmentActionFactory(owner=owner)
    url = reverse("plan:action-complete", args=[action.pk])
    response = signed_in.post(url, {"evidence": "a\x00b"}, follow=True)
    assert response.status_code == 200
    assert "The evidence cannot be kept: Null characters are not allowed." in (
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.status != ActionStatus.DONE


def test_a_brag_doc_file_with_nul_bytes_is_refused_with_a_message(signed_in, without_guard):
    upload = SimpleUploadedFile("brag.md", b"## 2026 Q3\n- Launched \x00 the thing\n")
    response = signed_in.post(reverse("portability:brag-doc"), {"upload": upload})
    assert response.status_code == 200
    assert "The brag document contains a NUL character" in response.content.decode()
    assert not Win.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00n\x00a\x00m\x00e",  # UTF-16, not UTF-8
        b'name: "Eng\\0ineering"\nlevels: []\n',  # a YAML escape that makes a NUL
        b"name: Engineering\x00\n",
    ],
)
def test_a_ladder_file_that_is_not_storable_text_is_refused_with_a_message(signed_in, content):
    upload = SimpleUploadedFile("ladder.yaml", content)
    response = signed_in.post(reverse("advocacy:ladder-upload"), {"file": upload})
    assert response.status_code == 400
    assert "ladder.yaml:" in response.content.decode()
    assert not Ladder.objects.exists()


def test_a_refused_request_does_not_move_the_data_version_on(signed_in, owner):
    before = DataVersion.objects.filter(owner=owner).values_list("version", flat=True).first()
    signed_in.post(reverse("wins:win-new"), {"title": "a\x00b", "occurred_on": "2026-11-20"})
    after = DataVersion.objects.filter(owner=owner).values_list("version", flat=True).first()
    assert after == before


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
def test_services_refuse_what_no_database_stores(owner, text):
    class Refused(ValueError):
        pass

    with pytest.raises(Refused, match="skill's name"):
        ensure_storable(Skill(owner=owner, name=text), error=Refused)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda data: data["wins"][0].update(title="Launch\x00ed"), "wins[0].title"),
        (lambda data: data["wins"][0].update(result="\ud800"), "wins[0].result"),
        (lambda data: data["profile"].update(username="dana\x00"), "profile.username"),
    ],
)
def test_an_import_with_text_no_database_stores_is_refused_before_writing(owner, change, where):
    from wayfinder.portability.exporter import owner_export
    from wayfinder.portability.importer import owner_import
    from wayfinder.portability.validation import ImportRefused
    from wayfinder.wins.tests.factories import WinFactory

    WinFactory(owner=owner)
    data = owner_export(owner=owner)
    owner.user.delete()
    change(data)
    with pytest.raises(ImportRefused, match=rf"^{re.escape(where)}: the text .*cannot be stored"):
        owner_import(data=data)
    assert not Win.objects.exists()


def test_an_import_refuses_a_nul_deep_in_a_json_value():
    from wayfinder.portability.validation import _unstorable

    nested: list = ["fine"]
    for _ in range(2000):
        nested = [nested, {"k": "v"}]
    assert _unstorable(nested) is None
    assert "NUL" in _unstorable([nested, {"key\x00": 1}])
