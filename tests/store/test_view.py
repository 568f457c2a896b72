"""The read path: typed queries for the API and dashboard, and read-only SQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import DRONES, SANCTIONS, SHELLS, article, store_with

from armswatch.errors import QueryError, StoreError, StoreLockedError
from armswatch.pipeline import Analyzer
from armswatch.store.store import open_store
from armswatch.store.view import open_view

DRONES_V2 = DRONES.replace("in August", "in July")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    path = tmp_path_factory.mktemp("view") / "a.duckdb"
    store_with(path, analyzer, article(DRONES, "d1"), article(SHELLS, "s1", "2023-10-15"))
    store_with(path, analyzer, article(SANCTIONS, "u1"), article(DRONES_V2, "d1"))
    return path


def test_events_come_back_whole_and_filtered(db: Path) -> None:
    with open_view(db) as view:
        transfers = view.events(type="arms_transfer")
        by_korea = view.events(country="PRK")
        everything = view.events(current_only=False)
    assert {e.source[0].country for e in transfers} == {"IRN", "PRK"}
    assert len(everything) == len(view_events_of_current(db)) + 1  # the superseded version's
    [shells] = by_korea
    assert shells.items[0].category == "ammunition"
    assert shells.evidence[0].text.startswith("North Korea shipped")
    assert shells.id.startswith("ev_")  # stable, content-derived (ledger.ids)


def view_events_of_current(db: Path) -> list[object]:
    with open_view(db) as view:
        return list(view.events())


def test_one_event_and_its_findings(db: Path) -> None:
    with open_view(db) as view:
        [drones] = view.events(country="IRN", type="arms_transfer")
        assert view.event(drones.id) == drones
        findings = view.findings(event=drones.id)
        assert view.event("nope:e0") is None
    assert findings and all(f.event == drones.id for f in findings)
    assert drones.time is not None and drones.time.start == "2022-07-01"  # version 2


def test_articles_by_id_alias_and_hash(db: Path) -> None:
    with open_view(db) as view:
        current = view.article("d1")
        assert current is not None and current.version == 2 and current.text == DRONES_V2
        old = view.article(article(DRONES, "d1").sha256)
        assert old is not None and old.superseded_by == current.sha256
        assert view.article("unknown") is None
        assert {a.id for a in view.articles()} == {"d1", "s1", "u1"}


def test_sql_is_read_only_and_cannot_touch_files(db: Path) -> None:
    with open_view(db) as view:
        result = view.sql("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type")
        assert result.columns == ["type", "n"] and result.rows
        assert view.sql("SELECT * FROM mentions", limit=2).truncated
        with pytest.raises(QueryError, match="read-only"):
            view.sql("DELETE FROM articles")
        with pytest.raises(QueryError, match="disabled"):
            view.sql("SELECT * FROM read_csv('/etc/hostname')")
        assert view.runs()[0].status == "completed"


def test_a_missing_or_busy_database_is_a_clear_error(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_LOCK_WAIT", "1")  # held for the whole block: 1 s, not 30
    with pytest.raises(StoreError, match="no database at"):
        open_view(tmp_path / "missing.duckdb")
    with pytest.raises(StoreError, match="not a valid DuckDB"):
        (tmp_path / "junk.duckdb").write_text("not a database " * 100, "utf-8")
        open_view(tmp_path / "junk.duckdb")
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with (
        open_store(copy),
        pytest.raises(StoreLockedError, match=r"waited 1 s: ARMSWATCH_LOCK_WAIT"),
    ):  # same process, second handle: retried for the wait, then refused
        open_view(copy)
