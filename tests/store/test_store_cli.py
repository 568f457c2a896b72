"""``armswatch query``, ``export`` and ``stats`` as a user runs them (CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from storekit import DRONES, SANCTIONS, SHELLS, article, store_with
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.pipeline import Analyzer

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    path = tmp_path_factory.mktemp("cli") / "a.duckdb"
    store_with(path, analyzer, article(DRONES, "d1"), article(SHELLS, "s1", "2023-10-15"))
    store_with(path, analyzer, article(SANCTIONS, "u1", "2024-01-09"))
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_query_prints_a_table_csv_or_json(db: Path) -> None:
    sql = "SELECT id, version FROM articles ORDER BY id"
    code, out, _ = invoke("query", sql, "--db", str(db))
    assert code == 0 and "d1" in out and "version" in out
    code, out, _ = invoke("query", sql, "--db", str(db), "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [
        ["id", "version"],
        ["d1", "1"],
        ["s1", "1"],
        ["u1", "1"],
    ]
    code, out, _ = invoke("query", sql, "--db", str(db), "--format", "json", "--limit", "1")
    assert json.loads(out) == [{"id": "d1", "version": 1}]
    code, out, _ = invoke(
        "query", "SELECT stored_at FROM articles", "--db", str(db), "--format", "jsonl"
    )
    assert len(out.splitlines()) == 3 and "T" in json.loads(out.splitlines()[0])["stored_at"]


def test_query_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    code, _, err = invoke("query", "SELEC nonsense", "--db", str(db))
    assert code == 1 and err.startswith("error: [AW043]") and len(err.splitlines()) == 1
    code, _, err = invoke("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and err.startswith("error: [AW040] no database at")


def test_export_parquet_is_partitioned(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    code, stdout, err = invoke("export", "--db", str(db), "--out", str(out))
    assert code == 0, err
    assert "events:" in stdout
    assert sorted(p.name for p in (out / "events").iterdir()) == [
        "type=arms_transfer",
        "type=sanction_imposed",
    ]
    assert (out / "events" / "type=arms_transfer" / "year=2022").is_dir()
    assert (out / "findings").is_dir() and (out / "actors.parquet").is_file()
    counts = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}/events/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert (
        counts
        == duckdb.connect(str(db), read_only=True).sql("SELECT count(*) FROM events").fetchall()
    )
    code, _, err = invoke("export", "--db", str(db), "--out", str(out))
    assert code == 1 and "[AW044]" in err and "--overwrite" in err
    assert invoke("export", "--db", str(db), "--out", str(out), "--overwrite")[0] == 0


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_csv_and_jsonl_one_file_per_table(db: Path, tmp_path: Path, fmt: str) -> None:
    code, _, err = invoke(
        "export",
        "--db",
        str(db),
        "--out",
        str(tmp_path),
        "--format",
        fmt,
        "--table",
        "events",
        "--table",
        "findings",
    )
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"events.{fmt}", f"findings.{fmt}"]
    code, _, err = invoke("export", "--db", str(db), "--out", str(tmp_path), "--table", "nope")
    assert code == 1 and "[AW044] cannot export nope" in err


def test_stats_counts_tables_types_rules_and_runs(db: Path) -> None:
    code, out, _ = invoke("stats", "--db", str(db))
    assert code == 0
    for expected in ("articles", "arms_transfer", "un.dprk.arms_export", "Last runs", "completed"):
        assert expected in out
    code, out, _ = invoke("stats", "--db", str(db), "--json")
    stats = json.loads(out)
    assert stats["tables"]["articles"] == 3
    assert stats["events_by_type"]["sanction_imposed"] == 1
    assert len(stats["runs"]) == 2
