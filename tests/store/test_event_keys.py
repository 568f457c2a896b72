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
from armswatch.store.columns import quote
from armswatch.store.registry import all_migrations
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


def insert_before(
    con: duckdb.DuckDBPyConnection,
    rows: Rows,
    *later: str,
    tables: tuple[str, ...] = ("articles", "events", "actors"),
) -> None:
    """Insert rows as a database migrated only so far would hold them: without the
    ``later`` event columns, nor any other column later steps add."""
    for name in tables:
        live = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]
        ).fetchall()
        assert not {c for (c,) in live} & set(later) or name != "events"
        data = pa.Table.from_pylist(rows[name], schema=TABLE[name].arrow_schema)
        columns = ", ".join(quote(c) for c in data.column_names if (c,) in live)
        with registered(con, "_rows", data):
            con.execute(f"INSERT INTO {name} BY NAME SELECT {columns} FROM _rows")


def database_before(step_name: str, monkeypatch: pytest.MonkeyPatch) -> duckdb.DuckDBPyConnection:
    """An in-memory database migrated up to (not including) the named step."""
    step = next(m for m in all_migrations() if m.name == step_name)
    con = duckdb.connect()
    earlier = tuple(m for m in all_migrations() if m.version < step.version)
    monkeypatch.setattr(schema, "all_migrations", lambda: earlier)
    schema.apply_migrations(con)
    monkeypatch.undo()
    return con


def test_the_migration_fills_the_keys_of_events_stored_before_it(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = database_before("event actor keys", monkeypatch)
    rows = analysed_rows(analyzer)
    insert_before(con, rows, "source_keys", "target_keys", "day", "current")
    assert schema.apply_migrations(con)[0] == 3
    expected = sorted((r["id"], r["source_keys"], r["target_keys"]) for r in rows["events"])
    assert con.execute(KEYS).fetchall() == expected
    assert any(source and target for _, source, target in expected)


def test_the_migrations_fill_day_and_current_of_events_stored_before_and_index_lookups(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = database_before("event day and current", monkeypatch)
    rows = analysed_rows(analyzer)
    insert_before(con, rows, "day", "current")
    assert schema.apply_migrations(con)[:2] == [4, 5]  # later migrations follow
    expected = sorted((r["id"], r["day"], True) for r in rows["events"])
    assert con.execute("SELECT id, day, current FROM events ORDER BY id").fetchall() == expected
    assert all(day for _, day, _ in expected)  # an own time or the publication day
    assert schema.index_diff(con) == []
    assert set(schema.indexes(con)) >= {"events_id", "actors_event_id", "findings_event"}
