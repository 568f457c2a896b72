"""The armswatch command as a user runs it (typer's CliRunner, real pipeline)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.docs import ANALYSIS_SCHEMA

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles.jsonl"


def analyses(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.slow
def test_analyze_samples_writes_valid_contract(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = analyses(out.read_text(encoding="utf-8"))
    assert len(records) == 4
    schema = json.loads(ANALYSIS_SCHEMA.read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    transfers = [e for e in records[0]["events"] if e["type"] == "arms_transfer"]  # type: ignore[index]
    assert transfers, "sample-1 reports North Korean missiles used by Russia"


@pytest.mark.slow
def test_analyze_output_passes_the_contract_checker(tmp_path: Path, shared: Path) -> None:
    articles = shared / "gold" / "seed" / "articles.jsonl"
    out = tmp_path / "seed.jsonl"
    result = runner.invoke(app, ["analyze", str(articles), "-o", str(out)])
    assert result.exit_code == 0, result.output
    check = subprocess.run(
        [sys.executable, str(shared / "tools" / "check_output.py"), str(articles), str(out)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout


@pytest.mark.slow
def test_pretty_shows_events_evidence_and_findings() -> None:
    result = runner.invoke(app, ["analyze", str(SAMPLES), "--format", "pretty"])
    assert result.exit_code == 0, result.output
    assert "arms_transfer" in result.stdout
    assert "PRK → RUS" in result.stdout
    assert "un.dprk.arms_export" in result.stdout
    assert "no events found" in result.stdout  # the sports story


@pytest.mark.slow
def test_txt_and_html_with_published_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iran delivered drones to Russia in August.", "utf-8")
    (tmp_path / "b.html").write_text(
        "<html><body><script>alert(1)</script><article><p>North Korea shipped artillery "
        "shells to Russia last month, officials said.</p></article></body></html>",
        "utf-8",
    )
    result = runner.invoke(app, ["analyze", str(tmp_path), "--published", "2022-09-06"])
    assert result.exit_code == 0, result.output
    records = analyses(result.stdout)
    assert [r["doc"]["published"] for r in records] == ["2022-09-06", "2022-09-06"]  # type: ignore[index]
    times = [e["time"]["start"] for r in records for e in r["events"] if e.get("time")]  # type: ignore[union-attr,index,attr-defined]
    assert "2022-08-01" in times


@pytest.mark.slow
def test_one_bad_line_is_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "ok", "text": "Iran supplied drones to Russia."}
    path.write_text(
        json.dumps(good) + "\n{broken json\n" + json.dumps({"id": "empty", "text": ""}) + "\n",
        "utf-8",
    )
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0
    assert [r["doc"]["id"] for r in analyses(result.stdout)] == ["ok"]  # type: ignore[index]
    assert f"{path}:2: [AW001]" in result.stderr
    assert f"{path}:3: [AW001]" in result.stderr


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\xff\xfe" * 100)
    result = runner.invoke(app, ["analyze", str(path), str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
    assert "[AW002]" in result.stderr
    assert "missing.jsonl" in result.stderr


@pytest.mark.slow
def test_eval_prints_scores_and_writes_json(tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", str(shared / "gold" / "seed"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Event tuples" in result.stdout
    scores = json.loads(out.read_text("utf-8"))
    assert scores["arms_transfer"]["f1"] == 1.0


def test_eval_missing_gold_folder_is_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [AW030]")
