"""Issue 12, item 5: every CSV armswatch writes is neutralised the same way.

``export --format csv``, ``query --format csv`` and the API's CSV all go through
``armswatch.export.table.csv_cell``: formula starts prefixed with ``'``, nested columns
as JSON, floats without noise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.export.table import FORMULA, csv_cell, to_csv
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import open_store

runner = CliRunner()
TEXT = "Iran delivered Shahed-136 drones to Russia in August, a U.S. official told Reuters."
ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]
NOISE = re.compile(r"\d\.\d*(?:9999|0000)\d")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    path = tmp_path_factory.mktemp("csv") / "a.duckdb"
    with open_store(path) as store:
        run = store.start_run("test", ["csv"])
        with store.writer(run, batch_size=100) as writer:
            for n, title in enumerate(ATTACKS):
                item = Article(id=f"a{n}", title=title, text=f"{TEXT} Report {n}.")
                writer.add_rows(analysis_to_rows(analyzer.analyze(item), item.text))
        store.finish_run(run, "completed")
    return path


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def assert_neutral(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA), value
            assert not NOISE.search(value), value


@pytest.mark.issue(12)
def test_export_csv_neutralises_formulas_and_writes_nested_columns_as_json(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["export", "--db", str(db), "--out", str(out), "--format", "csv"]
    result = runner.invoke(app, [*args, "--table", "articles", "--table", "events"])
    assert result.exit_code == 0, result.stderr

    articles = read_csv((out / "articles.csv").read_text("utf-8"))
    assert sorted(row["title"] for row in articles) == sorted("'" + t for t in ATTACKS)
    events = read_csv((out / "events.csv").read_text("utf-8"))
    assert events and all(json.loads(row["source_keys"]) == ["IRN"] for row in events)
    assert_neutral(articles + events)


@pytest.mark.issue(12)
def test_query_csv_is_neutralised_the_same_way(db: Path) -> None:
    sql = (
        "SELECT title, source_keys, 0.1 + 0.2 AS sum, [{'x': 0.7999999999999999}] AS nested "
        "FROM articles JOIN events USING (sha256) ORDER BY title"
    )
    result = runner.invoke(app, ["query", sql, "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.stderr

    rows = read_csv(result.stdout)
    assert rows[0]["title"].startswith("'") and rows[0]["sum"] == "0.3"
    assert json.loads(rows[0]["source_keys"]) == ["IRN"]
    assert json.loads(rows[0]["nested"]) == [{"x": 0.8}]
    assert_neutral(rows)


class Row(BaseModel):
    title: str
    score: float
    tags: list[dict[str, str]]


@pytest.mark.issue(12)
@pytest.mark.parametrize("attack", [*ATTACKS, "\tx", "\rx"])
def test_the_api_csv_uses_the_same_cells(attack: str) -> None:
    [row] = read_csv(to_csv([Row(title=attack, score=0.1 + 0.2, tags=[{"note": "n"}])]))
    assert row == {"title": csv_cell(attack), "score": "0.3", "tags": '{"note": "n"}'}
    assert row["title"] == "'" + attack
