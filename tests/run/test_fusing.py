"""When runs fuse incidents: after the interval, at the end, and what a killed run left."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from runkit import record, write_jsonl

from armswatch.fuse import rebuild_incidents
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.run.fusing import IncidentFusion
from armswatch.run.local import RunOptions, run_local
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import Store, open_store
from armswatch.store.writer import Batch

UNFUSED = (
    "SELECT count(*) FROM events e JOIN articles a USING (sha256) "
    "WHERE a.current AND e.id NOT IN (SELECT event_id FROM incident_events)"
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def store_batch(store: Store, analyzer: Analyzer, numbers: range) -> Batch:
    run = store.start_run("test", ["test_fusing"])
    writer = store.writer(run, batch_size=1000)
    for i in numbers:
        article = Article.model_validate(record(i))
        writer.add_rows(analysis_to_rows(analyzer.analyze(article), article.text))
    batch = writer.flush()
    store.finish_run(run, "completed")
    return batch


def count(store: Store, sql: str) -> int:
    return int(store.con.execute(sql).fetchall()[0][0])


def snapshot(db: Path) -> list[list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("incidents", "incident_events", "claims")
        ]


def test_fusion_waits_for_its_interval_then_fuses_every_unfused_event(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    clock = Clock()
    with open_store(tmp_path / "a.duckdb") as store:
        fusion = IncidentFusion(store, interval_s=60, clock=clock)
        fusion.stored(store_batch(store, analyzer, range(0, 4)))
        assert count(store, "SELECT count(*) FROM incidents") == 0  # not due yet
        clock.now += 30
        fusion.stored(store_batch(store, analyzer, range(4, 8)))
        assert fusion.reports == []
        clock.now += 31
        fusion.stored(store_batch(store, analyzer, range(8, 12)))
        [report] = fusion.reports  # one fusion took the three batches
        assert report.events == count(store, "SELECT count(*) FROM events") > 0
        assert count(store, UNFUSED) == 0
        fusion.stored(Batch())  # nothing stored: nothing to fuse, however late
        clock.now += 600
        fusion.stored(Batch())
        assert len(fusion.reports) == 1


def test_interval_zero_fuses_after_every_batch_that_stored_something(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    with open_store(tmp_path / "a.duckdb") as store:
        fusion = IncidentFusion(store, interval_s=0)
        for first in (0, 3, 6):
            fusion.stored(store_batch(store, analyzer, range(first, first + 3)))
            assert count(store, UNFUSED) == 0
        assert len(fusion.reports) == 3


@pytest.mark.parametrize("interval", ["0", "3600"])
def test_a_run_ends_with_what_a_rebuild_gives_whatever_the_interval(
    tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch, interval: str
) -> None:
    monkeypatch.setenv("ARMSWATCH_FUSE_INTERVAL", interval)
    source = write_jsonl(tmp_path / "in.jsonl", [record(i) for i in range(24)])
    db = tmp_path / "a.duckdb"
    run_local([source], db, RunOptions(batch_size=4), analyzer=analyzer)
    with open_store(db) as store:
        assert count(store, "SELECT count(*) FROM incidents") > 0
        assert count(store, UNFUSED) == 0
    fused = snapshot(db)
    rebuild_incidents(db)
    assert snapshot(db) == fused
