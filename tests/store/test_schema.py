"""The database schema is derived from the models; the migrations must reach it exactly."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from armswatch.errors import StoreError
from armswatch.model import Doc, Event
from armswatch.store import schema
from armswatch.store.columns import flatten, nest
from armswatch.store.records import StoredArticle
from armswatch.store.registry import all_migrations, all_tables, latest_version
from armswatch.store.store import open_store
from armswatch.store.tables import TABLE, Table


def migrated() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    schema.apply_migrations(con)
    return con


ALL_TABLES = all_tables()
"""The store's tables and those other packages declare (``store.registry``: ``fuse``,
``watch``, ``ledger``)."""


def test_migrations_give_exactly_the_schema_derived_from_the_models() -> None:
    con = migrated()
    assert schema.schema_diff(con) == [], "add a migration: see the ALTER statements above"
    assert schema.live_columns(con) == schema.model_columns_by_table()


def test_a_new_model_field_is_caught_with_the_sql_to_add_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Wider(StoredArticle):
        paywalled: bool | None = None

    changed = tuple(
        Table("articles", Wider, "x", identity=("sha256",), primary_key=True)
        if t.name == "articles"
        else t
        for t in ALL_TABLES
    )
    monkeypatch.setattr(schema, "all_tables", lambda: changed)
    assert schema.schema_diff(migrated()) == ["ALTER TABLE articles ADD COLUMN paywalled BOOLEAN;"]


def test_migrations_are_recorded_and_run_once(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    for _ in range(2):
        with open_store(db) as store:
            rows = store.con.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows == [(step.version, step.name) for step in all_migrations()]
    assert [step.version for step in all_migrations()] == list(range(1, latest_version() + 1))


def test_a_database_from_a_newer_armswatch_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with open_store(db) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (99, 'future', now())")
    with pytest.raises(StoreError, match="schema version 99, newer"):
        open_store(db)


def test_nested_models_flatten_into_prefixed_columns_and_back() -> None:
    event = Event.model_validate(
        {
            "id": "x:e0",
            "type": "arms_transfer",
            "source": [],
            "target": [],
            "time": {"text": "in August", "start": "2022-08-01", "precision": "month"},
            "evidence": [],
            "confidence": 0.5,
        }
    )
    columns = TABLE["events"].columns
    row = flatten(event, columns)
    assert row["time_text"] == "in August" and row["time_end"] is None
    data = nest(row, columns)
    assert data["time"] == {
        "text": "in August",
        "start": "2022-08-01",
        "end": None,
        "precision": "month",
    }
    untimed = nest(flatten(event.model_copy(update={"time": None}), columns), columns)
    assert untimed["time"] is None


def test_every_doc_field_is_an_articles_column() -> None:
    names = {c.name for c in TABLE["articles"].columns}
    assert set(Doc.model_fields) <= names
    assert {"text", "version", "current", "superseded_by", "cluster"} <= names
