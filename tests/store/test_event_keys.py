"""Events carry their actors' keys: written with the rows, back-filled by the migration."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from storekit import DRONES, SHELLS, article, store_with

from armswatch.model import Actor
from armswatch.pipeline import Analyzer
from armswatch.store import schema
from armswatch.store.migrations import MIGRATIONS
from armswatch.store.rows import Rows, actor_keys, analysis_to_rows
from armswatch.store.sql import registered
from armswatch.store.tables import TABLE

KEYS = "SELECT id, source_keys, target_keys FROM events ORDER BY id"
FROM_ACTORS = """
SELECT e.id,
    coalesce((SELECT list(k ORDER BY o) FROM (SELECT coalesce(country, id) AS k, min(ordinal) AS o
        FROM actors WHERE event_id = e.id AND role = 'source' GROUP BY k)), []),
    coalesce((SELECT list(k ORDER BY o) FROM (SELECT coalesce(country, id) AS k, min(ordinal) AS o
        FROM actors WHERE event_id = e.id AND role = 'target' GROUP BY k)), [])
FROM events e ORDER BY e.id
"""


def test_actor_keys_are_the_distinct_countries_else_ids_in_order() -> None:
    actors = [
        Actor(id="wagner", name="Wagner", country="RUS", kind="armed_group"),
        Actor(id="RUS", name="Russia", country="RUS", kind="state"),
        Actor(id="hamas", name="Hamas", country=None, kind="armed_group"),
    ]
    assert actor_keys(actors) == ["RUS", "hamas"]


def test_stored_keys_match_the_actor_rows(tmp_path: Path, analyzer: Analyzer) -> None:
    db = tmp_path / "a.duckdb"
    store_with(db, analyzer, article(DRONES, "d1"), article(SHELLS, "s1"))
    with duckdb.connect(str(db), read_only=True) as con:
        stored, derived = con.execute(KEYS).fetchall(), con.execute(FROM_ACTORS).fetchall()
    assert stored == derived
    assert any("IRN" in s and "RUS" in t for _, s, t in stored)


def analysed_rows(analyzer: Analyzer) -> Rows:
    rows: Rows = {}
    for item in (article(DRONES, "d1"), article(SHELLS, "s1")):
        for name, found in analysis_to_rows(analyzer.analyze(item), item.text).items():
            rows.setdefault(name, []).extend(found)
    return rows


def insert_without_keys(con: duckdb.DuckDBPyConnection, rows: Rows) -> None:
    """Insert events and actors as a database before the keys step would hold them."""
    for name, extra in (("events", " EXCLUDE (source_keys, target_keys)"), ("actors", "")):
        data = pa.Table.from_pylist(rows[name], schema=TABLE[name].arrow_schema)
        with registered(con, "_rows", data):
            con.execute(f"INSERT INTO {name} BY NAME SELECT *{extra} FROM _rows")


def test_the_migration_fills_the_keys_of_events_stored_before_it(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = next(m for m in MIGRATIONS if m.name == "event actor keys")
    con = duckdb.connect()
    before = tuple(m for m in MIGRATIONS if m.version < step.version)
    monkeypatch.setattr(schema, "MIGRATIONS", before)
    schema.apply_migrations(con)
    rows = analysed_rows(analyzer)
    insert_without_keys(con, rows)
    monkeypatch.undo()
    assert schema.apply_migrations(con)[0] == step.version
    expected = sorted((r["id"], r["source_keys"], r["target_keys"]) for r in rows["events"])
    assert con.execute(KEYS).fetchall() == expected
    assert any(source and target for _, source, target in expected)
