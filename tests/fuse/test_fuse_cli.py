"""``armswatch incidents`` and ``armswatch incident`` (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fusekit import DENIAL, DRONES, MISSILES, write
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.pipeline import Analyzer

pytestmark = pytest.mark.issue(5)
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    path = tmp_path_factory.mktemp("cli") / "a.duckdb"
    write(path, analyzer, [DRONES, DENIAL, MISSILES])
    return path


def test_incidents_lists_filters_and_prints_json(db: Path) -> None:
    shown = runner.invoke(app, ["incidents", "--db", str(db), "--actor", "IRN"])
    assert shown.exit_code == 0, shown.output
    assert "IRN>RUS" in shown.output and "2 incidents" in shown.output
    found = runner.invoke(app, ["incidents", "--db", str(db), "--json", "--min-sources", "1"])
    rows = [json.loads(line) for line in found.output.splitlines()]
    assert {r["denied_by"][0] if r["denied_by"] else None for r in rows} == {"IRN", None}
    none = runner.invoke(app, ["incidents", "--db", str(db), "--since", "2024-01-01", "--json"])
    assert none.exit_code == 0 and none.output == ""


def test_incident_tells_the_story_with_chains(db: Path) -> None:
    found = runner.invoke(app, ["incidents", "--db", str(db), "--json", "--actor", "irn"])
    rows = [json.loads(line) for line in found.output.splitlines()]
    [drones] = [r for r in rows if r["items"][0]["category"] == "uav"]
    shown = runner.invoke(app, ["incident", drones["id"], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "-0.20 denied by the supplier IRN" in shown.output
    assert "drones1 (Kent Messenger) → U.S. officials [USA, government, anonymous]" in shown.output
    story = json.loads(
        runner.invoke(app, ["incident", drones["id"], "--db", str(db), "--json"]).output
    )
    assert [e["event"]["status"] for e in story["entries"]] == ["delivered", "denied"]


def test_rebuild_recomputes_the_same_incidents(db: Path) -> None:
    before = runner.invoke(app, ["incidents", "--db", str(db), "--json"]).output
    rebuilt = runner.invoke(app, ["incidents", "--db", str(db), "--json", "--rebuild"])
    assert rebuilt.exit_code == 0
    assert rebuilt.stdout == before


def test_errors_have_codes(db: Path) -> None:
    missing = runner.invoke(app, ["incident", "inc_nope", "--db", str(db)])
    assert missing.exit_code == 1 and "[AW050] no incident 'inc_nope'" in missing.output
    bad = runner.invoke(app, ["incidents", "--db", str(db), "--since", "last week"])
    assert bad.exit_code == 1 and "[AW051]" in bad.output
