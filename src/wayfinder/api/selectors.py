"""Reads for personal access tokens: the owner's list, and the token a request carries."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

from wayfinder.api.models import AccessToken
from wayfinder.api.services import TOKEN_PREFIX
from wayfinder.core.models import Profile
from wayfinder.core.tokens import token_hash


def tokens_of_owner(*, owner: Profile) -> QuerySet[AccessToken]:
    """The owner's tokens, newest first, revoked ones included (the page shows them)."""
    return AccessToken.objects.for_owner(owner).order_by("-created_at", "-id")


def token_of_owner(*, owner: Profile, token_id: int) -> AccessToken | None:
    return tokens_of_owner(owner=owner).filter(pk=token_id).first()


def token_with_secret(*, secret: str) -> AccessToken | None:
    """The unrevoked token whose secret this is, of an active account, with its owner and
    account (one query); None for a wrong or revoked one. Whether it has expired depends on
    the owner's today: `AccessToken.is_live`."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = _token_with_hash(token_hash(secret))
    if token is None or not token.owner.user.is_active:
        return None
    return token


def _unrevoked_with_hash(hashed: str) -> QuerySet[AccessToken]:
    """The rule: the unrevoked token with this hash, with its owner and their account."""
    return (
        AccessToken.objects.select_related("owner__user")
        .filter(token_hash=hashed, revoked_at__isnull=True)
        .order_by()[:1]
    )


@dataclass(frozen=True)
class _Compiled:
    """`_unrevoked_with_hash` as SQL, compiled by the ORM once per database connection."""

    sql: str
    compiler: SQLCompiler
    converters: dict
    # Each model the row holds, in the row's order, with its columns' attribute names.
    models: tuple[tuple[type[Model], list[str]], ...]


# Keyed by connection object (one per thread), as a compiler holds its connection.
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _compiled(alias: str) -> _Compiled:
    connection = connections[alias]
    compiled = _COMPILED.get(connection)
    if compiled is None:
        compiler = _unrevoked_with_hash("").query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if list(params) != [""]:  # the hash must be the query's one parameter
            raise RuntimeError(f"unexpected parameters in the token query: {params!r}")
        models = tuple(
            (model, [field.attname for field in model._meta.concrete_fields])
            for model in (AccessToken, Profile, get_user_model())
        )
        if sum(len(names) for _, names in models) != len(compiler.select):
            raise RuntimeError("the token query does not select its three models' columns")
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        compiled = _Compiled(sql, compiler, converters, models)
        _COMPILED[connection] = compiled
    return compiled


def _token_with_hash(hashed: str, alias: str = DEFAULT_DB_ALIAS) -> AccessToken | None:
    """`_unrevoked_with_hash(hashed)`, run as its SQL compiled once.

    Every API request reads its token first, and building that query anew (the ORM's
    compiler) cost more than running it: about 1.5 ms against 0.1 ms. The ORM still
    writes the SQL, converts the values and builds the instances (`Model.from_db`), as
    `select_related` would; only the compiling is done once."""
    compiled = _compiled(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(compiled.sql, [hashed])
        row = cursor.fetchone()
    if row is None:
        return None
    if compiled.converters:
        row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
    instances: list[Model] = []
    start = 0
    for model, names in compiled.models:
        values = row[start : start + len(names)]
        instances.append(model.from_db(alias, names, values))
        start += len(names)
    token, owner, user = instances
    owner.user = user  # type: ignore[attr-defined]
    token.owner = owner  # type: ignore[attr-defined]
    return token  # type: ignore[return-value]
