"""Issue 15, done means: re-analysis with an unchanged extractor changes nothing and keeps
every id; with a changed knowledge base it reports, records and keeps reviews."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.fuse import update_incidents
from armswatch.kb import DATA_DIR, load_kb_from
from armswatch.ledger.history import history_of
from armswatch.ledger.reanalyze import ReanalyzeOptions, reanalyze
from armswatch.ledger.review import reviews, set_review
from armswatch.pipeline import Analyzer
from armswatch.store.store import open_store

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from storekit import fused_ledger

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
SHIP = "  - {lemma: ship, type: arms_transfer, frame: supplier_verb, requires_items: true}\n"
SNAPSHOT = {
    "events": "SELECT id, status FROM events ORDER BY id",
    "findings": "SELECT id, event, rule FROM findings ORDER BY id",
    "incidents": "SELECT id, event_ids, score FROM incidents ORDER BY id",
    "history": "SELECT count(*) FROM history",
}


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in SNAPSHOT.items()}


@pytest.fixture
def ledger(tmp_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of its own with the drones and the shells article, fused into incidents."""
    return fused_ledger(tmp_path / "ledger.duckdb", analyzer, tmp_path_factory)


def changed_kb(tmp_path: Path) -> Path:
    """The packaged knowledge base without the trigger 'ship' (the shells transfer goes)
    and with Shahed-136 renamed (the drones transfer's items change)."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA_DIR, kb)
    triggers = (kb / "triggers.yaml").read_text(encoding="utf-8")
    assert SHIP in triggers
    (kb / "triggers.yaml").write_text(triggers.replace(SHIP, ""), encoding="utf-8")
    weapons = (kb / "weapons.yaml").read_text(encoding="utf-8")
    renamed = weapons.replace("  - name: Shahed-136\n", "  - name: Shahed-136M\n", 1)
    assert renamed != weapons
    (kb / "weapons.yaml").write_text(renamed, encoding="utf-8")
    return kb


def test_reanalyze_all_with_the_same_extractor_changes_nothing_and_keeps_every_id(
    ledger: Path, analyzer: Analyzer
) -> None:
    before = snapshot(ledger)
    assert before["events"] and before["findings"] and before["incidents"]
    summary = reanalyze(ledger, ReanalyzeOptions(scope="all", progress=False), analyzer=analyzer)
    assert summary.tally.articles == 2
    assert summary.tally.changes == 0 and summary.tally.changed_articles == 0
    assert snapshot(ledger) == before
    stale = reanalyze(ledger, ReanalyzeOptions(progress=False), analyzer=analyzer)
    assert stale.selected == 0  # every stored analysis has the current fingerprint


def test_the_cli_reports_zero_changes_as_json(ledger: Path) -> None:
    result = CliRunner().invoke(
        app, ["reanalyze", "--all", "--json", "--no-progress", "--db", str(ledger)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 2 and summary["changes"] == 0


def test_a_changed_knowledge_base_is_reported_recorded_and_reviews_survive(
    ledger: Path, analyzer: Analyzer, tmp_path: Path
) -> None:
    newer = Analyzer(kb=load_kb_from(changed_kb(tmp_path)))  # its own gazetteer too
    assert newer.fingerprint != analyzer.fingerprint
    with open_store(ledger) as store:
        by_source = dict(store.con.execute("SELECT source_keys[1], id FROM events").fetchall())
        incident = store.con.execute(
            "SELECT id FROM incidents WHERE list_contains(source, 'IRN')"
        ).fetchall()[0][0]
        set_review(store.con, by_source["PRK"], "unsure", "one source only", "ana")
        set_review(store.con, by_source["IRN"], "confirmed", None, "ana")
        set_review(store.con, incident, "unsure")
    before = snapshot(ledger)

    dry = reanalyze(ledger, ReanalyzeOptions(dry_run=True, progress=False), analyzer=newer)
    assert snapshot(ledger) == before  # shown, not written
    summary = reanalyze(ledger, ReanalyzeOptions(progress=False), analyzer=newer)
    assert dry.as_dict() | {"elapsed_s": 0, "dry_run": True, "run_id": None} == (
        summary.as_dict() | {"elapsed_s": 0, "dry_run": True, "run_id": None}
    )
    t = summary.tally
    assert (t.events_added, t.events_removed, t.events_changed) == (0, 1, 1)
    assert "items" in t.event_fields  # also the evidence: 'were shipped' is no trigger now
    assert t.findings_lost >= 1  # the DPRK export ban on the shells that went
    assert (t.incidents_removed, t.incidents_changed) == (1, 1)
    lines = "\n".join(summary.lines())
    assert "events: 0 added, 1 removed, 1 changed (" in lines and "items 1" in lines

    after = snapshot(ledger)
    assert [i for i, _ in after["events"]] == [by_source["IRN"]]  # the kept event kept its id
    assert [i for i, _, _ in after["incidents"]] == [incident]  # so did its incident
    with open_store(ledger) as store:
        shells = history_of(store.con, by_source["PRK"])
        drones = history_of(store.con, incident)
        kept = {r.id: r for r in reviews(store.con)}
    assert [(c.change, c.kind) for c in shells] == [("reviewed", "event"), ("removed", "event")]
    assert shells[1].before and '"status"' in shells[1].before and shells[1].after is None
    assert shells[1].fingerprint == newer.fingerprint
    changed = [c for c in drones if c.change == "changed"]
    assert any(c.kind == "event" and "items" in c.fields for c in changed)
    assert any(c.kind == "incident" for c in changed)
    event_change = next(c for c in changed if c.kind == "event")
    assert "Shahed-136M" in (event_change.after or "")
    assert "Shahed-136M" not in (event_change.before or "")
    assert set(kept) == {by_source["PRK"], by_source["IRN"], incident}
    assert kept[by_source["PRK"]].status == "unsure" and kept[by_source["PRK"]].recheck
    assert "no longer found" in (kept[by_source["PRK"]].recheck_reason or "")
    assert kept[by_source["IRN"]].recheck and "items" in (
        kept[by_source["IRN"]].recheck_reason or ""
    )
    again = reanalyze(ledger, ReanalyzeOptions(scope="all", progress=False), analyzer=newer)
    assert again.tally.changes == 0 and snapshot(ledger) == after


def test_review_cli_records_lists_and_refuses_unknown_ids(ledger: Path) -> None:
    runner = CliRunner()
    with duckdb.connect(str(ledger), read_only=True) as con:
        event = con.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchall()[0][0]
    done = runner.invoke(
        app,
        [
            "review",
            event,
            "--status",
            "rejected",
            "--note",
            "a rumour",
            "--by",
            "ana",
            "--db",
            str(ledger),
        ],
    )
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["review", "list", "--format", "json", "--db", str(ledger)])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows == [rows[0]] and rows[0]["id"] == event
    assert (rows[0]["status"], rows[0]["note"], rows[0]["by"]) == ("rejected", "a rumour", "ana")
    assert rows[0]["at"]
    none = runner.invoke(
        app, ["review", "list", "--status", "confirmed", "--format", "json", "--db", str(ledger)]
    )
    assert none.stdout.strip() == ""
    missing = runner.invoke(app, ["review", "ev_nope", "--status", "unsure", "--db", str(ledger)])
    assert missing.exit_code == 1 and "ev_nope" in missing.output and "AW050" in missing.output
    history = runner.invoke(app, ["history", event, "--db", str(ledger)])
    assert "reviewed" in history.stdout


def test_a_rejected_event_leaves_its_incident_and_comes_back_when_confirmed(
    ledger: Path,
) -> None:
    with open_store(ledger) as store:
        event, incident = store.con.execute(
            "SELECT event_id, incident_id FROM incident_events ie JOIN events e "
            "ON e.id = ie.event_id WHERE list_contains(e.source_keys, 'IRN')"
        ).fetchall()[0]
        set_review(store.con, event, "rejected", "a rumour")
        assert not store.con.execute(
            "SELECT * FROM incident_events WHERE event_id = ?", [event]
        ).fetchall()
        assert not store.con.execute("SELECT * FROM incidents WHERE id = ?", [incident]).fetchall()
        update_incidents(store)  # a later fusion leaves it out too
        assert not store.con.execute("SELECT * FROM incidents WHERE id = ?", [incident]).fetchall()
        set_review(store.con, event, "confirmed")
        back = store.con.execute("SELECT event_ids FROM incidents WHERE id = ?", [incident])
        assert back.fetchall() == [([event],)]


def test_reanalyze_and_review_name_a_missing_store_and_make_none(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    for args in (["reanalyze"], ["review", "ev_x", "--status", "unsure"]):
        result = CliRunner().invoke(app, [*args, "--db", str(missing)])
        assert result.exit_code == 1
        assert "AW040" in result.output and "typo.duckdb: no store here" in result.output
    assert not missing.exists()


def test_ids_pasted_from_a_csv_query_keep_no_line_end(ledger: Path) -> None:
    """``query --format csv`` ends its lines with CRLF; an id copied from it carries the
    "\\r" into ``review`` and ``history``, which take it as the id it is."""
    runner = CliRunner()
    query = "SELECT id FROM events ORDER BY id LIMIT 1"
    csv = runner.invoke(app, ["query", query, "--format", "csv", "--db", str(ledger)])
    assert csv.exit_code == 0, csv.output
    pasted = csv.stdout_bytes.decode("utf-8").split("\n")[1]  # (stdout drops the "\r")
    assert pasted.endswith("\r")
    event = pasted.strip()
    done = runner.invoke(
        app, ["review", f" {pasted}", "--status", "confirmed", "--db", str(ledger)]
    )
    assert done.exit_code == 0, done.output
    with duckdb.connect(str(ledger), read_only=True) as con:
        assert con.execute("SELECT id FROM reviews").fetchall() == [(event,)]
    shown = runner.invoke(app, ["history", pasted, "--json", "--db", str(ledger)])
    assert shown.exit_code == 0, shown.output
    assert [json.loads(line)["subject"] for line in shown.stdout.splitlines()] == [event]
