"""One search over the owner's record: SQLite FTS5 or PostgreSQL full-text search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from django.apps import apps
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wayfinder.core.models import Profile
from wayfinder.core.privacy import is_private_record
from wayfinder.search.documents import BY_CODE, BY_KIND, DOCUMENTS, ROWID_STRIDE, Document

# Private-use characters mark matches inside snippets; they cannot come from typed text
# that matters, and are turned into <mark> only after the snippet has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
MAX_TERMS = 8
# PostgreSQL's text search configuration, named so each table's GIN index (migration 0002)
# holds the very expression searched; English stemming, as SQLite's porter tokenizer does.
POSTGRES_CONFIG = "english"


@dataclass(frozen=True)
class SearchHit:
    kind: str
    label: str
    pk: int
    title: str
    snippet: str
    url: str | None = None
    is_private: bool = False

    def snippet_html(self) -> SafeString:
        text = escape(self.snippet.replace(MARK_START, "\0").replace(MARK_END, "\1"))
        return mark_safe(text.replace("\0", "<mark>").replace("\1", "</mark>"))


def search_terms(text: str) -> list[str]:
    """The words of a query: letters and digits only, so no query syntax gets through.

    Reading stops at the last word kept, so a long query costs no more than its first words.
    """
    return [word.group().lower() for word in islice(re.finditer(r"\w+", text), MAX_TERMS)]


def search(*, owner: Profile, text: str, limit: int = 30) -> list[SearchHit]:
    """The owner's wins, people, interactions, conversations, journal and notes matching
    every word of `text` (as a prefix), best first."""
    terms = search_terms(text)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        found = _search_postgres(owner, terms, limit)
    else:
        found = _search_sqlite(owner, terms, limit)
    return _with_titles(owner, found)


def _search_sqlite(owner: Profile, terms: list[str], limit: int) -> list[tuple[str, int, str]]:
    match = " ".join(f'"{term}"*' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, snippet(search_entry, -1, %s, %s, '…', 16) FROM search_entry "
            "WHERE search_entry MATCH %s AND owner_id = %s ORDER BY rank LIMIT %s",
            [MARK_START, MARK_END, match, owner.pk, limit],
        )
        rows = cursor.fetchall()
    found = []
    for rowid, snippet in rows:
        document = BY_CODE[rowid % ROWID_STRIDE]
        found.append((document.kind, rowid // ROWID_STRIDE, snippet))
    return found


def postgres_document_sql(document: Document) -> str:
    """A document's text search vector in SQL, as each table's GIN index holds it
    (migration 0002): the title and body columns, each coalesced, joined by spaces."""
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in document.fields)
    return f"to_tsvector('{POSTGRES_CONFIG}'::regconfig, {text})"


def _postgres_branch(document: Document) -> str:
    """One document's best matches: its code, the row's id, rank and marked snippet."""
    vector = postgres_document_sql(document)
    query = f"to_tsquery('{POSTGRES_CONFIG}'::regconfig, %s)"
    # The snippet's text ends with a space, as the ORM's Concat of (field, ' ') pairs did.
    text = " || ".join(f"COALESCE({column}, '') || ' '" for column in document.fields)
    return (
        f"(SELECT {document.code} AS code, id, ts_rank({vector}, {query}) AS rank, "
        f"ts_headline('{POSTGRES_CONFIG}'::regconfig, {text}, {query}, %s) AS snippet "
        f"FROM {document.table} WHERE owner_id = %s AND {vector} @@ {query} "
        "ORDER BY rank DESC, id DESC LIMIT %s)"
    )


# Written once: compiling six full-text queries through the ORM cost more CPU than running
# them. Table and column names come from DOCUMENTS; everything typed is a parameter.
_POSTGRES_SEARCH = " UNION ALL ".join(_postgres_branch(document) for document in DOCUMENTS)
_HEADLINE_OPTIONS = f"StartSel='{MARK_START}', StopSel='{MARK_END}', MaxWords=24, MinWords=10"


def _search_postgres(owner: Profile, terms: list[str], limit: int) -> list[tuple[str, int, str]]:
    """Each document's best `limit` matches in one statement, then the best of them all."""
    query = " & ".join(f"{term}:*" for term in terms)
    params: list[str | int] = []
    for _ in DOCUMENTS:
        params += [query, query, _HEADLINE_OPTIONS, owner.pk, query, limit]
    with connection.cursor() as cursor:
        cursor.execute(_POSTGRES_SEARCH, params)
        rows = cursor.fetchall()
    ranked = sorted(rows, key=lambda row: (-row[2], BY_CODE[row[0]].kind, -row[1]))
    return [(BY_CODE[code].kind, pk, snippet) for code, pk, _, snippet in ranked[:limit]]


def _with_titles(owner: Profile, found: list[tuple[str, int, str]]) -> list[SearchHit]:
    """Titles from the records themselves: one query per kind of record found."""
    wanted: dict[str, list[int]] = {}
    for kind, pk, _ in found:
        wanted.setdefault(kind, []).append(pk)
    objects = {}
    # Every kind is looked up, found or not, so a search costs the same number of queries
    # whatever it finds (pk 0 never exists).
    for document in DOCUMENTS:
        kind, pks = document.kind, wanted.get(document.kind) or [0]
        model = apps.get_model(document.model)
        for obj in model.objects.for_owner(owner).filter(pk__in=pks):
            objects[kind, obj.pk] = obj
    hits = []
    for kind, pk, snippet in found:
        obj = objects.get((kind, pk))
        if obj is None:
            continue
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
        document = BY_KIND[kind]
        hits.append(
            SearchHit(
                kind=kind,
                label=document.label_for(obj),
                pk=pk,
                title=str(obj),
                snippet=snippet,
                url=url,
                is_private=is_private_record(obj),
            )
        )
    return hits
