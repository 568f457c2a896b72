"""``reanalyze`` through the engines of ``run``: with two worker processes, and killed in
the middle then run again, it ends where one uninterrupted process ends: the same ids,
the same analyses, the same history rows, none lost or written twice."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.ledger.reanalyze import ReanalyzeOptions, reanalyze
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local

sys.path.insert(0, str(Path(__file__).parents[1] / "run"))
from runkit import armswatch, record, write_jsonl

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
ARTICLES = 30
BATCH = "5"
STATE = {
    "events": "SELECT id, status FROM events ORDER BY id",
    "findings": "SELECT id, event, rule FROM findings ORDER BY id",
    "incidents": "SELECT id, event_ids, statuses FROM incidents ORDER BY id",
    "stale": "SELECT count(*) FROM articles WHERE fingerprint IS DISTINCT FROM ?",
}


def state(db: Path, fingerprint: str) -> dict[str, object]:
    """The ledger's rows, and its history as a multiset of (id, kind, change, fields)."""
    with duckdb.connect(str(db), read_only=True) as con:
        found: dict[str, object] = {
            name: con.execute(sql, [fingerprint] if "?" in sql else []).fetchall()
            for name, sql in STATE.items()
        }
        rows = con.execute(
            "SELECT subject, kind, change, fields FROM history WHERE run_id IN "
            "(SELECT id FROM runs WHERE command = 'reanalyze')"
        ).fetchall()
    found["history"] = Counter((s, k, c, tuple(f)) for s, k, c, f in rows)
    return found


@pytest.fixture(scope="module")
def stale_store(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    """A fused store whose every analysis is stale and has each event's status wrong
    (as if an older extractor had made it)."""
    folder = tmp_path_factory.mktemp("engines")
    db = folder / "stale.duckdb"
    source = write_jsonl(folder / "in.jsonl", [record(i) for i in range(ARTICLES)])
    run_local([source], db, RunOptions(progress=False), analyzer=analyzer)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE articles SET fingerprint = NULL")
        con.execute("UPDATE events SET status = 'unknown'")
    return db


@pytest.fixture(scope="module")
def expected(
    stale_store: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    """What one uninterrupted process leaves, batch for batch."""
    db = shutil.copy(stale_store, tmp_path_factory.mktemp("expected") / "one.duckdb")
    options = ReanalyzeOptions(batch_size=int(BATCH), progress=False)
    summary = reanalyze(db, options, analyzer=analyzer)
    assert summary.tally.changed_articles == ARTICLES and summary.tally.incidents_changed > 0
    found = state(Path(db), analyzer.fingerprint)
    assert found["stale"] == [(0,)] and found["history"]
    return found


def test_two_workers_end_where_one_process_ends(
    stale_store: Path, expected: dict[str, object], analyzer: Analyzer, tmp_path: Path
) -> None:
    db = shutil.copy(stale_store, tmp_path / "two.duckdb")
    args = ["reanalyze", "--workers", "2", "--batch-size", BATCH, "--no-progress"]
    result = CliRunner().invoke(app, [*args, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert state(Path(db), analyzer.fingerprint) == expected


def test_a_killed_reanalysis_run_again_ends_where_one_process_ends(
    stale_store: Path, expected: dict[str, object], analyzer: Analyzer, tmp_path: Path
) -> None:
    db = Path(shutil.copy(stale_store, tmp_path / "killed.duckdb"))
    args = ["reanalyze", "--batch-size", BATCH, "--verbose", "--no-progress", "--db", str(db)]
    proc = armswatch(*args, env={"ARMSWATCH_TEST_SLOW_MS": "80"})
    assert proc.stderr is not None
    deadline, committed = time.monotonic() + 180, 0
    while committed < 2:
        line = proc.stderr.readline()
        assert line and time.monotonic() < deadline, f"reanalyze ended early: {line!r}"
        committed += line.startswith("batch ")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()

    with duckdb.connect(str(db), read_only=True) as con:
        [(status,)] = con.execute("SELECT status FROM runs WHERE command = 'reanalyze'").fetchall()
        [(left,)] = con.execute(
            "SELECT count(*) FROM articles WHERE fingerprint IS DISTINCT FROM ?",
            [analyzer.fingerprint],
        ).fetchall()
    assert status == "running" and 0 < left <= ARTICLES - 2 * int(BATCH)

    again = reanalyze(
        db, ReanalyzeOptions(batch_size=int(BATCH), progress=False), analyzer=analyzer
    )
    assert again.selected == left  # only what the killed process had not committed
    assert state(db, analyzer.fingerprint) == expected
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute(
            "SELECT status FROM runs WHERE command = 'reanalyze' ORDER BY started_at"
        ).fetchall()
    assert runs == [("interrupted",), ("completed",)]
