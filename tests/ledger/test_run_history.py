"""Issue 15, 'nothing is silently overwritten': a normal run that adds events to an
incident, or adds an incident, records it in the history, and ``armswatch history``
shows it; so do a review that takes an event out of an incident and a rebuild."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.fuse import rebuild_incidents
from armswatch.ledger.history import history_of
from armswatch.ledger.review import set_review
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local
from armswatch.store.store import open_store

sys.path.insert(0, str(Path(__file__).parents[1] / "run"))
from runkit import write_jsonl

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
runner = CliRunner()
FIRST = {
    "id": "first",
    "published": "2023-03-14",
    "text": "Belarus delivered armoured vehicles to Myanmar in March, officials said.",
}
SECOND = {
    "id": "second",
    "published": "2023-03-16",
    "text": "Belarus has delivered armoured vehicles to Myanmar, a diplomat told reporters.",
}


def incident_of(db: Path, article: str) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT ie.incident_id FROM incident_events ie JOIN article_ids a USING (sha256) "
            "WHERE a.id = ?",
            [article],
        ).fetchall()
    assert rows, f"{article}: no incident"
    return str(rows[0][0])


def history_json(db: Path, subject: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["history", subject, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_run_records_the_incidents_it_adds_and_the_members_it_adds_to_them(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "runs.duckdb"
    options = RunOptions(progress=False)
    first = run_local([write_jsonl(tmp_path / "a.jsonl", [FIRST])], db, options, analyzer=analyzer)
    incident = incident_of(db, "first")
    [added] = history_json(db, incident)
    assert added["kind"] == "incident" and added["change"] == "added"
    assert added["run_id"] == first.run.id and added["fingerprint"] == analyzer.fingerprint

    second = run_local(
        [write_jsonl(tmp_path / "b.jsonl", [SECOND])], db, options, analyzer=analyzer
    )
    assert incident_of(db, "second") == incident  # the second report joined the incident
    rows = [r for r in history_json(db, incident) if r["subject"] == incident]
    assert [r["change"] for r in rows] == ["added", "changed"]
    changed = rows[1]
    assert "members" in changed["fields"] and changed["run_id"] == second.run.id
    before, after = json.loads(str(changed["before"])), json.loads(str(changed["after"]))
    assert len(after["event_ids"]) == len(before["event_ids"]) + 1

    shown = runner.invoke(app, ["history", incident, "--db", str(db)])
    assert shown.exit_code == 0
    assert f"incident {incident} changed (members" in shown.stdout


def test_a_rejection_and_a_rebuild_that_change_an_incident_leave_history_rows(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "review.duckdb"
    source = write_jsonl(tmp_path / "ab.jsonl", [FIRST, SECOND])
    run_local([source], db, RunOptions(progress=False), analyzer=analyzer)
    incident = incident_of(db, "first")
    with open_store(db) as store:
        [event] = [
            row[0]
            for row in store.con.execute(
                "SELECT e.id FROM events e JOIN article_ids a USING (sha256) WHERE a.id = 'second'"
            ).fetchall()
        ]
        count = len(history_of(store.con, incident))
        set_review(store.con, event, "rejected")
        rows = [c for c in history_of(store.con, incident) if c.kind == "incident"]
        assert rows[-1].change == "changed" and "members" in rows[-1].fields
        assert event not in json.loads(rows[-1].after or "{}")["event_ids"]
        count = len(history_of(store.con, incident))
        rebuild_incidents(store)  # nothing changed since: no row
        assert len(history_of(store.con, incident)) == count
