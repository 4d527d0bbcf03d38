"""The API's core: tokens, scopes, owner scoping, JSON errors, cookies and CSRF, the rate
limit and private fields."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern

from wayfinder.api.main import api, urls
from wayfinder.api.models import AccessToken
from wayfinder.api.scopes import PRIVATE, SCOPES, SECTIONS, read, scopes_parse, write
from wayfinder.api.services import TokenError, token_create, token_hash
from wayfinder.api.tests.factories import AccessTokenFactory, bearer
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

CANARY = "canary-private-7f3a"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _json(client: Client, method: str, url: str, secret: str | None, data=None):
    headers = bearer(secret) if secret else {}
    call = getattr(client, method)
    if data is None:
        return call(url, headers=headers)
    return call(url, data=data, content_type="application/json", headers=headers)


# --- Tokens ---------------------------------------------------------------------------


def test_a_token_is_shown_once_and_only_its_hash_is_kept():
    owner = ProfileFactory()
    token, secret = token_create(owner=owner, name="phone", scopes=["read:wins"], today=TODAY)
    assert secret.startswith("wf_") and len(secret) > 40
    stored = AccessToken.objects.get(pk=token.pk)
    assert stored.token_hash == token_hash(secret)
    assert secret not in str(AccessToken.objects.filter(pk=token.pk).values().get())


def test_a_token_needs_a_name_known_scopes_and_a_future_expiry():
    owner = ProfileFactory()
    with pytest.raises(TokenError, match="needs a name"):
        token_create(owner=owner, name=" ", scopes=["read:wins"], today=TODAY)
    with pytest.raises(TokenError, match="read:nothing is not a scope"):
        token_create(owner=owner, name="x", scopes=["read:nothing"], today=TODAY)
    with pytest.raises(TokenError, match="already passed"):
        token_create(
            owner=owner,
            name="x",
            scopes=["read:wins"],
            today=TODAY,
            expires_on=TODAY.replace(day=1),
        )
    assert not AccessToken.objects.exists()


def test_all_grants_every_scope_private_included():
    assert scopes_parse("all") == list(SCOPES)
    assert PRIVATE in scopes_parse("all")
    assert scopes_parse("write:wins, read:wins") == ["read:wins", "write:wins"]


def test_a_revoked_or_expired_token_opens_nothing(client):
    revoked = AccessTokenFactory(secret="wf_revoked")
    revoked.revoked_at = revoked.created_at
    revoked.save()
    expired = AccessTokenFactory(secret="wf_expired", expires_on=TODAY.replace(day=22))
    for secret in ("wf_revoked", "wf_expired", "wf_never-made", "not-even-prefixed"):
        response = _json(client, "get", "/api/v1/wins", secret)
        assert response.status_code == 401, secret
        assert response.json() == {"detail": "Unauthorized"}
    assert expired.pk


def test_last_use_is_noted_at_most_once_a_minute(client, django_assert_max_num_queries):
    token = AccessTokenFactory(secret="wf_used")
    assert _json(client, "get", "/api/v1/wins", "wf_used").status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    # The second request within the minute reads the token and the wins, writes nothing.
    with django_assert_max_num_queries(4):
        assert _json(client, "get", "/api/v1/wins", "wf_used").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first


# --- Scopes: every operation crossed with every scope ---------------------------------

# The section of each router module (main.ROUTERS), which its operations require.
SECTION_OF_ROUTER = {
    "goals": "goals",
    "plan": "plan",
    "wins": "wins",
    "guidance": "guidance",
    "search": "search",
}


def operations():
    """Every operation of the API: (method, path, section, writes)."""
    found = []
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            module = operation["tags"][0]
            found.append((method, path, SECTION_OF_ROUTER.get(module, module), method != "get"))
    return found


def _filled(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "999999", path)


def test_the_table_covers_every_operation():
    assert len(operations()) == sum(len(m) for m in api.get_openapi_schema()["paths"].values())
    assert {section for _, _, section, _ in operations()} <= set(SECTIONS)


@pytest.mark.parametrize("scope", SCOPES)
def test_every_operation_answers_each_scope_as_the_table_says(client, scope):
    """With only `scope`, an operation it opens gets past the check (a 404 or a 422 for the
    made-up id or body, or a 200), and every other one is a 403, before its body or query
    is read: the empty body is not what it answers for."""
    AccessTokenFactory(secret="wf_one-scope", scopes=[scope])
    for method, path, section, writes in operations():
        opened = (write(section) == scope) or (not writes and scope == read(section))
        response = _json(client, method, _filled(path), "wf_one-scope", {} if writes else None)
        if opened:
            assert response.status_code != 403, (scope, method, path, response.content)
        else:
            assert response.status_code == 403, (scope, method, path, response.content)
            assert "lacks the scope" in response.json()["detail"]


def test_a_missing_scope_is_a_403_whatever_the_body(client):
    AccessTokenFactory(secret="wf_r", scopes=[read("wins")])
    response = _json(client, "post", "/api/v1/wins", "wf_r", {"title": 3, "occurred_on": "soon"})
    assert response.status_code == 403
    assert response.json() == {"detail": "This token lacks the scope write:wins."}
    assert not Win.objects.exists()


# --- Owner scoping ---------------------------------------------------------------------


def test_another_owners_win_is_a_404_and_is_not_changed(client):
    AccessTokenFactory(secret="wf_mine")
    theirs = WinFactory(title="Theirs")
    for method, url, data in [
        ("get", f"/api/v1/wins/{theirs.pk}", None),
        ("patch", f"/api/v1/wins/{theirs.pk}", {"title": "Mine now"}),
        ("delete", f"/api/v1/wins/{theirs.pk}", None),
        ("post", f"/api/v1/wins/{theirs.pk}/metrics", {"value": 3}),
    ]:
        response = _json(client, method, url, "wf_mine", data)
        assert response.status_code == 404, (method, url)
        assert response.json() == {"detail": "Not Found"}
    assert Win.objects.get(pk=theirs.pk).title == "Theirs"
    assert _json(client, "get", "/api/v1/wins", "wf_mine").json() == {"items": [], "count": 0}


# --- Errors ------------------------------------------------------------------------------


def test_a_bad_body_is_a_422_naming_each_field(client):
    AccessTokenFactory(secret="wf_w")
    response = _json(
        client,
        "post",
        "/api/v1/wins",
        "wf_w",
        {"title": 3, "occurred_on": "soon", "metrics": [{"value": "lots"}]},
    )
    assert response.status_code == 422
    body = response.json()
    assert [e["field"] for e in body["errors"]] == ["title", "occurred_on", "metrics.0.value"]
    assert body["detail"] == "Check these fields: title, occurred_on, metrics.0.value."
    assert not Win.objects.exists()


def test_a_method_a_url_does_not_take_is_a_405_in_json(client):
    AccessTokenFactory(secret="wf_w")
    response = _json(client, "put", "/api/v1/wins", "wf_w", {"title": "x"})
    assert response.status_code == 405
    assert response.json() == {"detail": "PUT is not allowed here: use GET, POST."}
    assert response["Allow"] == "GET, POST"
    assert not Win.objects.exists()


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/nothing-here", "/api/v1/wins/1/nope"])
def test_a_url_the_api_does_not_have_is_a_404_in_json(client, url):
    response = _json(client, "get", url, None)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_refused_change_is_a_400_with_the_services_sentence(client):
    AccessTokenFactory(secret="wf_w")
    response = _json(
        client, "post", "/api/v1/wins", "wf_w", {"title": " ", "occurred_on": "2026-11-01"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "A win needs a line saying what happened."}


@pytest.mark.parametrize(
    "url", ["/api/v1/wins?since=%00", "/api/v1/search?q=a%00b", "/api/v1/wins/99999999999999999999"]
)
def test_text_no_database_stores_and_huge_ids_are_4xx_json(client, url):
    AccessTokenFactory(secret="wf_w")
    response = _json(client, "get", url, "wf_w")
    assert response.status_code in {400, 422}
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"]


def test_a_nul_in_a_body_is_a_422(client):
    AccessTokenFactory(secret="wf_w")
    response = _json(
        client,
        "post",
        "/api/v1/goals",
        "wf_w",
        {"title": "Lead", "horizon": "short", "description": "a\u0000b"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "description"


# --- Cookies and CSRF ----------------------------------------------------------------------


def test_a_token_request_needs_no_cookie_and_no_csrf_token():
    AccessTokenFactory(secret="wf_w")
    strict = Client(enforce_csrf_checks=True)
    response = _json(
        strict, "post", "/api/v1/wins", "wf_w", {"title": "Shipped", "occurred_on": "2026-11-01"}
    )
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


def test_a_session_cookie_reads_but_never_writes():
    owner = ProfileFactory()
    WinFactory(owner=owner, private_notes=CANARY)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner.user)
    assert browser.get("/api/v1/wins").status_code == 200
    # A page on another site making the browser post: the cookie alone is refused.
    response = browser.post(
        "/api/v1/wins",
        data={"title": "Forged", "occurred_on": "2026-11-01"},
        content_type="application/json",
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 401
    assert Win.objects.filter(title="Forged").count() == 0


# --- Rate limit ------------------------------------------------------------------------------


def test_a_token_is_rate_limited(client, monkeypatch):
    from wayfinder.api import auth

    throttle = api.throttle
    assert isinstance(throttle, auth.TokenRateThrottle)
    monkeypatch.setattr(throttle, "num_requests", 3)
    monkeypatch.setattr(throttle, "timer", lambda: 1_800_000_000.0)  # no minute turns
    throttle.cache.clear()
    AccessTokenFactory(secret="wf_fast")
    AccessTokenFactory(secret="wf_other")
    codes = [_json(client, "get", "/api/v1/wins", "wf_fast").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert _json(client, "get", "/api/v1/wins", "wf_other").status_code == 200
    throttle.cache.clear()


# --- Private fields --------------------------------------------------------------------------


def test_private_fields_only_with_the_private_scope(client):
    owner = ProfileFactory()
    WinFactory(owner=owner, private_notes=CANARY)
    AccessTokenFactory(owner=owner, secret="wf_public", scopes=["read:wins", "write:wins"])
    AccessTokenFactory(owner=owner, secret="wf_private", scopes=["read:wins", PRIVATE])
    public = _json(client, "get", "/api/v1/wins", "wf_public")
    assert CANARY not in public.content.decode()
    assert public.json()["items"][0]["private_notes"] is None
    private = _json(client, "get", "/api/v1/wins", "wf_private")
    assert private.json()["items"][0]["private_notes"] == CANARY
    refused = _json(
        client,
        "post",
        "/api/v1/wins",
        "wf_public",
        {"title": "Shipped", "occurred_on": "2026-11-01", "private_notes": "x"},
    )
    assert refused.status_code == 403
    assert Win.objects.for_owner(owner).count() == 1


# --- Lists -----------------------------------------------------------------------------------


def test_lists_page_and_filter_by_date_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    owner = ProfileFactory()
    AccessTokenFactory(owner=owner, secret="wf_r")
    for day in range(1, 21):
        WinFactory(owner=owner, occurred_on=TODAY.replace(day=day))
    _json(client, "get", "/api/v1/wins", "wf_r")  # note the token's use first
    with django_assert_max_num_queries(8):
        response = _json(client, "get", "/api/v1/wins?since=2026-11-05&limit=5&offset=2", "wf_r")
    body = response.json()
    assert body["count"] == 16
    assert [w["occurred_on"] for w in body["items"]] == [
        f"2026-11-{day:02d}" for day in (18, 17, 16, 15, 14)
    ]


def test_the_schema_and_the_docs_are_served_by_the_app(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/wins" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_every_api_url_is_open_to_the_request_to_authenticate_itself():
    patterns, _, namespace = urls()
    assert namespace == "api"
    assert all(p.callback.login_required is False for p in patterns if isinstance(p, URLPattern))


def test_schema_names_are_unique_across_routers():
    """The OpenAPI components are keyed by a Schema's class name: two routers' `CheckInOut`
    would silently document one with the other's fields."""
    import importlib
    import inspect

    from ninja import Schema

    from wayfinder.api.main import ROUTERS

    seen: dict[str, list[str]] = {}
    for _prefix, module_name in ROUTERS:
        module = importlib.import_module(f"wayfinder.api.routers.{module_name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                seen.setdefault(name, []).append(module_name)
    assert {name: found for name, found in seen.items() if len(found) > 1} == {}
