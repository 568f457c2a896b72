"""``armswatch watch`` without --once: rounds in a loop that SIGTERM stops cleanly after
the current round (issue 14). Loads the trained model in a subprocess: slow."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = [pytest.mark.issue(14), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


def test_the_loop_runs_rounds_and_stops_on_sigterm(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    record = {"id": "a", "text": "North Korea delivered artillery shells to Russia in May."}
    (inbox / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "loop.duckdb"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "armswatch.cli",
            "watch",
            "--every",
            "1s",
            "--source",
            str(inbox),
            "--alert",
            str(tmp_path / "alerts.jsonl"),
            "--db",
            str(db),
        ],
        env={**os.environ, "CI": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + 240
    try:
        while sum(line.startswith("watch: 1 sources") for line in lines) < 2:
            assert time.monotonic() < deadline, lines
            line = process.stderr.readline()
            assert line, lines  # the process ended early
            lines.append(line)
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, rest
    assert "stopping after the current round" in rest and "watch: stopped" in rest
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    alerts = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(alerts) >= 1 and all("artillery shells" in a for a in alerts)
