"""A row inserted with its INSERT compiled once (core/inserts.py) is the row the ORM writes,
column by column, search index included; where the module's note says the ORM must do it,
the ORM does."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection, models
from django.db.models import QuerySet, Value, signals
from django.test.utils import CaptureQueriesContext, isolate_apps

from wayfinder.core import inserts
from wayfinder.core.inserts import insert_bulk, insert_saved
from wayfinder.wins.models import ImpactMetric, Win, WinSource

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def stored(table: str, pk: int) -> dict[str, object]:
    """A row as the database holds it, every column but the id."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quote(table)} WHERE id = %s", [pk])
        row = cursor.fetchone()
        names = [column[0] for column in cursor.description]
    return {name: value for name, value in zip(names, row, strict=True) if name != "id"}


def search_row(win: Win) -> tuple | None:
    """The win's entry in SQLite's full-text index (PostgreSQL searches the table itself)."""
    if connection.vendor != "sqlite":
        return ()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT owner_id, title, body FROM search_entry WHERE rowid = %s", [win.pk * 8 + 1]
        )
        return cursor.fetchone()


def a_win(owner, **fields) -> Win:
    return Win(
        **{
            "owner": owner,
            "title": "Closed the Northwind renewal",
            "occurred_on": dt.date(2026, 11, 20),
            "result": "Renewed for two years",
            "source": WinSource.WEB,
            **fields,
        }
    )


def metrics(owner, win: Win) -> list[ImpactMetric]:
    return [
        ImpactMetric(owner=owner, win=win, value=12, unit="%", label="price uplift"),
        ImpactMetric(owner=owner, win=win, value=3.5, baseline=2.0, period="per quarter"),
    ]


def test_a_win_inserted_is_the_row_save_writes(owner):
    by_orm = a_win(owner, private_notes="only me")
    by_orm.save()
    compiled = a_win(owner, private_notes="only me")

    with CaptureQueriesContext(connection) as queries:
        insert_saved(compiled)

    assert len(queries) == 1
    assert compiled.pk == by_orm.pk + 1
    assert stored("wins_win", compiled.pk) == stored("wins_win", by_orm.pk)
    assert search_row(compiled) == search_row(by_orm)
    assert search_row(compiled) is not None
    assert (compiled._state.adding, compiled._state.db) == (False, "default")
    assert Win.objects.get(pk=compiled.pk).created_at == NOW


def test_metrics_inserted_are_the_rows_bulk_create_writes(owner):
    win = a_win(owner)
    win.save()
    by_orm = ImpactMetric.objects.bulk_create(metrics(owner, win))

    compiled = insert_bulk(ImpactMetric, metrics(owner, win))

    assert [m.pk for m in compiled] == [by_orm[-1].pk + 1, by_orm[-1].pk + 2]
    for mine, theirs in zip(compiled, by_orm, strict=True):
        assert stored("wins_impactmetric", mine.pk) == stored("wins_impactmetric", theirs.pk)
        assert (mine._state.adding, mine._state.db) == (False, "default")
    assert list(win.metrics.all()) == [*by_orm, *compiled]
    assert insert_bulk(ImpactMetric, []) == []


def test_many_rows_are_one_bulk_create_statement(owner, orm_calls):
    win = a_win(owner)
    win.save()
    orm_calls.clear()
    rows = [
        ImpactMetric(owner=owner, win=win, value=n, unit="%")
        for n in range(inserts.BULK_COMPILED_MAX + 1)
    ]
    with CaptureQueriesContext(connection) as queries:
        made = insert_bulk(ImpactMetric, rows)
    inserted = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserted) == 1
    assert orm_calls == ["bulk_create ImpactMetric"]
    assert [m.value for m in win.metrics.order_by("id")] == [m.value for m in made]


def test_an_unsaved_related_row_is_refused_as_the_orm_refuses_it(owner):
    unsaved = a_win(owner)
    with pytest.raises(ValueError, match="unsaved related object 'win'"):
        insert_bulk(ImpactMetric, metrics(owner, unsaved))
    assert not ImpactMetric.objects.exists()


@pytest.fixture
def orm_calls(monkeypatch):
    """Each save() and bulk_create() the ORM itself ran, by model name."""
    calls: list[str] = []
    save, bulk_create = models.Model.save, QuerySet.bulk_create

    def saved(self, *args, **kwargs):
        calls.append(f"save {type(self).__name__}")
        return save(self, *args, **kwargs)

    def created(self, objs, *args, **kwargs):
        calls.append(f"bulk_create {self.model.__name__}")
        return bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(models.Model, "save", saved)
    monkeypatch.setattr(inserts, "PLAIN_SAVES", frozenset({saved, *inserts.PLAIN_SAVES}))
    monkeypatch.setattr(QuerySet, "bulk_create", created)
    return calls


def test_the_fast_path_runs_no_orm_insert(owner, orm_calls):
    win = a_win(owner)
    insert_saved(win)
    insert_bulk(ImpactMetric, metrics(owner, win))
    assert orm_calls == []


def test_a_model_with_save_listeners_is_saved_by_the_orm(owner, orm_calls):
    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    signals.post_save.connect(listener, sender=Win)
    try:
        win = a_win(owner)
        insert_saved(win)
    finally:
        signals.post_save.disconnect(listener, sender=Win)
    assert orm_calls == ["save Win"]
    assert heard == [(win.pk, True)]


def test_a_model_with_its_own_save_is_saved_by_the_orm(owner, monkeypatch):
    calls = []

    def own_save(self, *args, **kwargs):
        calls.append(self.title)
        models.Model.save(self, *args, **kwargs)

    monkeypatch.setattr(Win, "save", own_save)
    win = a_win(owner)
    insert_saved(win)
    assert calls == ["Closed the Northwind renewal"]
    assert Win.objects.filter(pk=win.pk).exists()


def test_an_expression_or_a_row_with_its_key_is_left_to_the_orm(owner, orm_calls):
    win = a_win(owner, title=Value("Made by the database"))
    insert_saved(win)
    metric = ImpactMetric(owner=owner, win=win, value=Value(7.0))
    insert_bulk(ImpactMetric, [metric])
    keyed = a_win(owner, id=win.pk + 100)
    insert_saved(keyed)

    assert orm_calls == ["save Win", "bulk_create ImpactMetric", "save Win"]
    assert Win.objects.get(pk=win.pk).title == "Made by the database"
    assert ImpactMetric.objects.get(win=win).value == 7.0
    assert Win.objects.filter(pk=win.pk + 100).exists()


def test_a_database_that_cannot_return_the_key_leaves_it_to_the_orm(monkeypatch):
    assert inserts._compile(Win, "default") is not None
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    assert inserts._compile(Win, "default") is None


class Placeholder(models.CharField):
    def get_placeholder(self, value, compiler, connection):
        return "UPPER(%s)"


@isolate_apps("wayfinder.core")
def test_models_the_orm_must_insert_are_never_compiled():
    class Parent(models.Model):  # noqa: DJ008 (a model for this test only)
        name = models.CharField(max_length=10)

    class Child(Parent):  # noqa: DJ008 (a model for this test only)
        extra = models.CharField(max_length=10)

    class Shown(Parent):  # noqa: DJ008 (a model for this test only)
        class Meta:
            proxy = True

    class WithPlaceholder(models.Model):  # noqa: DJ008 (a model for this test only)
        code = Placeholder(max_length=10)

    class WithDatabaseDefault(models.Model):  # noqa: DJ008 (a model for this test only)
        code = models.CharField(max_length=10, db_default="x")

    class Ordered(models.Model):  # noqa: DJ008 (a model for this test only)
        parent = models.ForeignKey(Parent, on_delete=models.CASCADE)

        class Meta:
            order_with_respect_to = "parent"

    class OwnSaveTable(models.Model):  # noqa: DJ008 (a model for this test only)
        def _save_table(self, *args, **kwargs):
            return super()._save_table(*args, **kwargs)

    for model in (Child, Shown, WithPlaceholder, WithDatabaseDefault, Ordered, OwnSaveTable):
        assert inserts._compile(model, "default") is None, model.__name__
    assert inserts._compile(Parent, "default") is not None
