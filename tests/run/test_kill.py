"""``kill -9`` in the middle of a run, then the same command again: every article once."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import duckdb
import psutil
import pytest
from runkit import armswatch, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app

ARTICLES = 60


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def kill_after_batches(args: list[str], batches: int) -> list[int]:
    """Start ``armswatch ARGS`` slowed down, SIGKILL it after ``batches`` stored batches.

    RETURNS (list[int]): the pids of its worker processes, if any.
    """
    proc = armswatch(*args, env={"ARMSWATCH_TEST_SLOW_MS": "60", "ARMSWATCH_FUSE_INTERVAL": "3600"})
    assert proc.stderr is not None
    deadline, stored = time.monotonic() + 120, 0
    while stored < batches:
        line = proc.stderr.readline()
        assert line and time.monotonic() < deadline, f"run ended early: {line!r}"
        stored += line.startswith("batch ")
    workers = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    return workers


def gone(pids: list[int], within_s: float = 10.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        alive = [
            p
            for p in pids
            if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
        ]
        if not alive:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_mid_run_then_rerun_stores_every_article_exactly_once(
    tmp_path: Path, workers: str
) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", [record(i) for i in range(ARTICLES)])
    db = tmp_path / "a.duckdb"
    args = ["run", str(source), "--db", str(db), "--batch-size", "5", "--workers", workers]
    pids = kill_after_batches([*args, "--verbose"], batches=2)

    stored, status = rows(db, "SELECT articles_stored, status FROM runs")[0]
    assert 10 <= int(stored) < ARTICLES and status == "running"  # type: ignore[call-overload]
    assert rows(db, "SELECT count(*) FROM articles") == [(stored,)]
    assert gone(pids), "worker processes outlived the killed run"
    assert rows(db, "SELECT count(*) FROM incident_events") == [(0,)]  # not fused yet

    result = CliRunner().invoke(app, args[:4])  # the same command, in process
    assert result.exit_code == 0, result.output
    assert "was interrupted after storing" in result.stderr
    assert rows(
        db, "SELECT count(*), count(DISTINCT sha256), count(DISTINCT id) FROM articles"
    ) == [(ARTICLES, ARTICLES, ARTICLES)]
    assert rows(db, "SELECT count(*) = count(DISTINCT id) FROM events") == [(True,)]
    assert rows(db, "SELECT count(DISTINCT sha256) FROM events") == [(ARTICLES,)]
    # what the killed run stored and never fused, the rerun fused
    assert rows(db, "SELECT count(*) FROM events") == rows(
        db, "SELECT count(DISTINCT event_id) FROM incident_events"
    )
    assert rows(
        db, "SELECT status, articles_stored, articles_skipped FROM runs ORDER BY started_at"
    ) == [
        ("interrupted", stored, 0),
        ("completed", ARTICLES - int(stored), stored),  # type: ignore[call-overload]
    ]
