"""The local engine: every readable article stored once, stored texts never parsed again."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from runkit import StubAnalyzer, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.errors import NoInputError
from armswatch.run import progress
from armswatch.run.local import RunOptions, run_local
from armswatch.store import runs
from armswatch.store.store import open_store

runner = CliRunner()


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_run_reads_files_folders_and_stdin_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [record(1), record(2)])
    (folder / "b.txt").write_text("Iran delivered Shahed-136 drones to Russia in August.", "utf-8")
    db = str(tmp_path / "a.duckdb")
    stdin = json.dumps(record(3)) + "\n"
    args = ["run", str(folder), "-", "--db", db, "--published", "2022-09-06"]
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 0, result.output
    assert "4 articles read = 4 stored" in result.stderr
    counts = "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
    before = rows(Path(db), counts)
    assert before[0][1] >= 4
    again = runner.invoke(app, args, input=stdin)
    assert "0 stored" in again.stderr and "+ 4 skipped" in again.stderr
    assert rows(Path(db), counts) == before
    assert rows(Path(db), "SELECT status, articles_stored FROM runs ORDER BY started_at") == [
        ("completed", 4),
        ("completed", 0),
    ]


def test_stored_texts_are_skipped_before_parsing(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(10)])
    db = tmp_path / "a.duckdb"
    first = StubAnalyzer()
    run_local([source], db, RunOptions(batch_size=4), analyzer=first)  # type: ignore[arg-type]
    assert len(first.seen) == 10
    changed = [record(i) for i in range(10)]
    changed[3]["text"] += " Updated."
    second = StubAnalyzer()
    summary = run_local([write_jsonl(source, changed)], db, analyzer=second)  # type: ignore[arg-type]
    assert second.seen == ["art-3"]
    assert (summary.run.articles_skipped, summary.run.new_versions) == (9, 1)


def test_a_failing_article_is_an_error_row_and_the_run_goes_on(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(6)])
    db = tmp_path / "a.duckdb"
    said: list[str] = []
    stub = StubAnalyzer(fail_on="day 4.")
    summary = run_local([source], db, analyzer=stub, say=said.append)  # type: ignore[arg-type]
    assert summary.run.articles_stored == 5 and summary.run.errors == 1
    assert said == ["art-4: [AW004] analysis failed: RuntimeError: cannot parse 'day 4.'"]
    assert rows(db, "SELECT source, code, sha256 IS NOT NULL FROM errors") == [
        ("art-4", "AW004", True)
    ]


def test_two_workers_store_every_article_exactly_once(tmp_path: Path) -> None:
    records = [record(i) for i in range(12)]
    records += [{**records[2], "id": "repeat-a"}, {**records[9], "id": "repeat-b"}]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    db = tmp_path / "a.duckdb"
    summary = run_local([source], db, RunOptions(workers=2, batch_size=3))
    assert (summary.run.articles_read, summary.run.articles_stored) == (14, 12)
    assert rows(db, "SELECT count(*), count(DISTINCT sha256) FROM articles") == [(12, 12)]
    assert rows(db, "SELECT count(*) FROM article_ids") == [(14,)]
    assert rows(db, "SELECT count(DISTINCT sha256) FROM events") == [(12,)]


def test_nothing_readable_is_an_error_and_a_failed_run(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with pytest.raises(NoInputError, match="no article could be read"):
        run_local([tmp_path / "missing.jsonl"], db, analyzer=StubAnalyzer())  # type: ignore[arg-type]
    assert rows(db, "SELECT status, errors FROM runs") == [("failed", 1)]


def test_a_run_left_running_is_reported_as_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with open_store(db) as store:
        dead = store.start_run("run", ["x.jsonl"])
    runs.ACTIVE.discard(dead.id)  # as if its process had died
    said: list[str] = []
    source = write_jsonl(tmp_path / "a.jsonl", [record(1)])
    summary = run_local([source], db, analyzer=StubAnalyzer(), say=said.append)  # type: ignore[arg-type]
    assert [r.id for r in summary.interrupted] == [dead.id]
    assert said[0].startswith(f"note: run {dead.id}") and "interrupted" in said[0]
    assert rows(db, f"SELECT status FROM runs WHERE id = '{dead.id}'") == [("interrupted",)]


def test_the_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("CI", "true")
    assert not progress.progress_wanted()
    monkeypatch.delenv("CI")
    assert progress.progress_wanted()
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: False, raising=False)
    assert not progress.progress_wanted()


def test_the_total_for_the_eta_is_counted_cheaply(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(5)])
    (tmp_path / "b.txt").write_text("x", "utf-8")
    assert progress.estimate_total([tmp_path]) == 6
    assert progress.estimate_total(["-"]) is None
