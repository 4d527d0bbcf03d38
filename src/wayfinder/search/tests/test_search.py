import pytest
from django.db import connection

from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.search.index import ensure_sqlite_index
from wayfinder.search.selectors import search, search_terms
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


def kinds_and_titles(hits):
    return {(hit.kind, hit.title) for hit in hits}


def test_finds_every_kind_of_record_by_word_prefix(owner):
    WinFactory(owner=owner, title="Launched the partner programme", result="40 partners signed")
    PersonFactory(owner=owner, name="Priya Raman", notes="Runs the partner team in Lisbon")
    InteractionFactory(owner=owner, notes="Partner pricing questions")
    DevelopmentConversationFactory(owner=owner, agenda="Partner launch retro", notes="")
    JournalEntryFactory(owner=owner, question="What energised you?", answer="Partner calls")
    PrivateNoteFactory(owner=owner, title="If the reorg happens", body="Talk to partners first")
    hits = search(owner=owner, text="partn")
    assert {hit.kind for hit in hits} == {
        "win",
        "person",
        "interaction",
        "conversation",
        "journal",
        "note",
    }


def test_every_word_must_match(owner):
    WinFactory(owner=owner, title="Partner programme launched")
    WinFactory(owner=owner, title="Pricing page launched")
    hits = search(owner=owner, text="launched pricing")
    assert kinds_and_titles(hits) == {("win", "Pricing page launched")}


def test_never_finds_another_owners_records(owner, outsider):
    WinFactory(owner=outsider, title="Secret merger analysis")
    assert search(owner=owner, text="merger") == []
    assert len(search(owner=outsider, text="merger")) == 1


def test_edits_and_deletes_are_reflected(owner):
    win = WinFactory(owner=owner, title="Closed the Acme deal")
    win.title = "Closed the Globex deal"
    win.save()
    assert search(owner=owner, text="acme") == []
    assert [hit.pk for hit in search(owner=owner, text="globex")] == [win.pk]
    win.delete()
    assert search(owner=owner, text="globex") == []


def test_query_syntax_is_treated_as_plain_words(owner):
    WinFactory(owner=owner, title="Cut churn (finally) by 20%")
    for text in ['churn"', "churn)", "(churn", "churn*", "-churn", "churn:", "^churn"]:
        assert [hit.title for hit in search(owner=owner, text=text)] == [
            "Cut churn (finally) by 20%"
        ]
    assert search(owner=owner, text="  ?! ") == []
    assert search_terms("Öl-Preis, naïve") == ["öl", "preis", "naïve"]


def test_accents(owner):
    WinFactory(owner=owner, title="Kick-off in São Paulo")
    assert len(search(owner=owner, text="são paulo")) == 1
    if connection.vendor == "sqlite":
        # FTS5's tokenizer folds accents; PostgreSQL would need the unaccent extension.
        assert len(search(owner=owner, text="sao paulo")) == 1


def test_snippets_mark_matches_and_escape_html(owner):
    WinFactory(owner=owner, title="Fixed <b>unsafe</b> markup", result="Security review passed")
    (hit,) = search(owner=owner, text="security")
    html = hit.snippet_html()
    assert "<mark>" in html
    assert "<b>" not in html


def test_query_count_is_fixed(owner, django_assert_max_num_queries):
    for n in range(20):
        WinFactory(owner=owner, title=f"Quarterly launch {n}")
        PersonFactory(owner=owner, name=f"Launch lead {n}")
    # One query for the matches (SQLite's FTS table, PostgreSQL's union of every kind), then
    # one per kind for the titles.
    with django_assert_max_num_queries(7):
        hits = search(owner=owner, text="launch")
    assert len(hits) == 30


def test_index_is_rebuilt_when_sqlite_drops_a_tables_triggers(owner):
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 index exists on SQLite only")
    win = WinFactory(owner=owner, title="Renewal playbook")
    with connection.cursor() as cursor:
        # What SQLite does when Django rebuilds a table to alter it.
        cursor.execute("DROP TRIGGER search_wins_win_ai")
        cursor.execute("DROP TRIGGER search_wins_win_au")
        cursor.execute("DROP TRIGGER search_wins_win_ad")
        cursor.execute("DELETE FROM search_entry")
    Win.objects.filter(pk=win.pk).update(title="Renewal playbook v2")
    assert ensure_sqlite_index(connection) == ["win"]
    assert [hit.pk for hit in search(owner=owner, text="playbook")] == [win.pk]
    assert ensure_sqlite_index(connection) == []


def test_each_document_is_searched_through_its_postgres_index():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes exist on PostgreSQL only")
    from wayfinder.search.documents import DOCUMENTS
    from wayfinder.search.selectors import POSTGRES_CONFIG, postgres_document_sql

    with connection.cursor() as cursor:
        # An empty test table would be read whole anyway, or through the owner's index:
        # ask for the plan of the document's condition alone, with no table scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for document in DOCUMENTS:
            cursor.execute(
                f"EXPLAIN SELECT id FROM {document.table} WHERE {postgres_document_sql(document)}"
                f" @@ to_tsquery('{POSTGRES_CONFIG}'::regconfig, 'launch:*')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"search_{document.table}_document" in plan, document.kind
