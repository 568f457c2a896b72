"""Issue 12, item 9: clear one-line errors for bad output paths, progress for ``analyze``,
and run summaries whose counts add up."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from runkit import StubAnalyzer, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local

runner = CliRunner()


def one_line_error(result: object, code: str = "AW005") -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 1, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"error: [{code}] cannot write "), stderr
    return stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    folder = tmp_path_factory.mktemp("outputs")
    path = folder / "a.duckdb"
    source = write_jsonl(folder / "a.jsonl", [record(i) for i in range(3)])
    run_local([source], path, RunOptions(progress=False), analyzer=analyzer)
    return path


@pytest.mark.issue(12)
@pytest.mark.slow
def test_analyze_to_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [record(1)])
    out = tmp_path / "no" / "such" / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(source), "-o", str(out)])
    assert "its folder does not exist" in one_line_error(result)
    result = runner.invoke(app, ["analyze", str(source), "-o", str(tmp_path)])
    assert "it is a folder" in one_line_error(result)


@pytest.mark.issue(12)
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder_is_one_line(db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "csv", "--out", str(locked / "x")]
    )
    assert "permission denied" in one_line_error(result)


@pytest.mark.issue(12)
def test_export_and_dossier_to_bad_paths_are_one_line(db: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "csv", "--out", str(a_file / "sub")]
    )
    assert "not a folder" in one_line_error(result) or "exists" in result.stderr
    result = runner.invoke(
        app,
        [
            "dossier",
            "--from",
            "IRN",
            "--to",
            "RUS",
            "--db",
            str(db),
            "-o",
            str(tmp_path / "no" / "d.html"),
        ],
    )
    assert "its folder does not exist" in one_line_error(result)


@pytest.mark.issue(12)
@pytest.mark.slow
def test_analyze_shows_progress_when_asked(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(3)])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(source), "-o", str(out), "--progress"])
    assert result.exit_code == 0, result.stderr
    assert "analysing" in result.stderr and "3/3" in result.stderr
    quiet = runner.invoke(app, ["analyze", str(source), "-o", str(out)])
    assert quiet.stderr == ""  # not a terminal: no bar


@pytest.mark.issue(12)
def test_the_run_summary_adds_up(tmp_path: Path) -> None:
    same = record(1)["text"]
    records = [
        record(1),
        {**record(2), "id": "repeat-in-job", "text": same},
        record(3),
        {"id": "broken", "text": "this one will FAIL"},
        record(4),
        {**record(5), "id": "repeat-in-next-job", "text": same},
    ]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    with source.open("a") as out:
        out.write("{not json\n")
    db = tmp_path / "a.duckdb"

    summary = run_local(
        [source],
        db,
        RunOptions(progress=False, batch_size=3),
        analyzer=StubAnalyzer("FAIL"),  # type: ignore[arg-type]
    )

    run = summary.run
    with duckdb.connect(str(db), read_only=True) as con:
        [(failed,)] = con.execute("SELECT count(*) FROM errors WHERE sha256 IS NOT NULL").fetchall()
    assert (run.articles_read, run.articles_stored, run.articles_skipped) == (6, 3, 2)
    assert failed == summary.failed == 1 and run.errors == 2
    assert run.articles_read == run.articles_stored + run.articles_skipped + failed
    assert (
        "6 articles read = 3 stored (0 new versions, 0 near-duplicates) + 2 skipped"
        in summary.line()
    )
    assert "+ 1 failed; 1 bad records; 2 errors in all" in summary.line()
