"""Issue 12, high 2: the dashboard keeps answering while ``armswatch run`` writes the store.

DuckDB lets one process hold a file. A run lets go of the store between batches once it
held it ``ARMSWATCH_WRITER_HOLD_MS``; readers (one short read-only connection per
request) and the writer wait for each other, retrying up to ``ARMSWATCH_LOCK_WAIT``
seconds (docs/store.md). So neither side fails while the other works.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import httpx
import pytest
from runkit import armswatch, record, write_jsonl

from armswatch.pipeline import Analyzer
from dashkit import build_store, live_server


def count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])


@pytest.mark.issue(12)
@pytest.mark.slow
def test_the_dashboard_answers_while_a_run_stores_a_corpus(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = build_store(tmp_path / "ledger.duckdb", analyzer)
    before = count(db)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [record(i) for i in range(40)])
    statuses: list[int] = []

    with live_server(db, analyzer=analyzer) as url, httpx.Client(timeout=60) as client:
        assert client.get(f"{url}/api/health").status_code == 200
        env = {"ARMSWATCH_WRITER_HOLD_MS": "100", "ARMSWATCH_TEST_SLOW_MS": "50"}
        run = armswatch("run", str(corpus), "--db", str(db), "--batch-size", "4", env=env)
        deadline = time.monotonic() + 240
        while run.poll() is None and time.monotonic() < deadline:
            for path in ("/", "/api/findings", "/events"):
                statuses.append(client.get(f"{url}{path}").status_code)
        _, err = run.communicate(timeout=max(deadline - time.monotonic(), 1))
        after = client.get(f"{url}/api/health")

    assert run.returncode == 0, err
    assert len(statuses) >= 6, "the run ended before the dashboard was read during it"
    assert set(statuses) == {200}, statuses
    assert after.status_code == 200
    assert after.json()["articles"] == before + 40  # read by the server, after the run
