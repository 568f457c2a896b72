"""Issue 15: rejected events drop out of findings, network, map and alerts unless
``include_rejected=true``; confirmed events are marked (``review``) in every view."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from armswatch.api import ApiSettings
from armswatch.api.app import make_app
from armswatch.cli import app
from armswatch.ledger.review import set_review
from armswatch.pipeline import Analyzer
from armswatch.store.assemble import load_articles
from armswatch.store.export import ExportFormat, export_store
from armswatch.store.store import open_store
from armswatch.watch.alerts import find_matches
from armswatch.watch.watchlist import DEFAULT_RULE

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from storekit import fused_ledger

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]


@pytest.fixture
def db(tmp_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of its own with the drones and the shells article, fused into incidents."""
    return fused_ledger(tmp_path / "ledger.duckdb", analyzer, tmp_path_factory)


def finding_events(db: Path) -> list[str]:
    """The events with findings: the Iranian drones and the North Korean shells."""
    with open_store(db) as store:
        rows = store.con.execute("SELECT DISTINCT event FROM findings ORDER BY event").fetchall()
    return [row[0] for row in rows]


def review(db: Path, event: str, status: str) -> None:
    with open_store(db) as store:
        set_review(store.con, event, status, None, "ana")  # type: ignore[arg-type]


def test_a_rejected_event_leaves_findings_network_and_map_unless_asked(db: Path) -> None:
    events = finding_events(db)
    assert len(events) == 2
    rejected, kept = events
    client = TestClient(make_app(db, ApiSettings()))

    def found(path: str) -> set[str]:
        return {f["event"] for f in client.get(path).json()["findings"]}

    def edges(path: str) -> int:
        return sum(e["events"] for e in client.get(path).json()["edges"])

    before = (edges("/api/graph"),)
    assert found("/api/findings") == {rejected, kept}
    review(db, rejected, "rejected")
    client = TestClient(make_app(db, ApiSettings()))  # a fresh answer cache
    assert found("/api/findings") == {kept}
    assert found("/api/findings?include_rejected=true") == {rejected, kept}
    assert found("/api/findings?actor=RUS") == {kept}  # with event filters too
    assert rejected not in {e["id"] for e in client.get("/api/events").json()["events"]}
    assert edges("/api/graph") == before[0] - 1
    assert edges("/api/graph?include_rejected=true") == before[0]
    flows = client.get("/api/map").json()["flows"]
    shown = client.get("/api/map?include_rejected=true").json()["flows"]
    assert sum(f["events"] for f in flows) == sum(f["events"] for f in shown) - 1
    page = client.get("/")
    assert page.status_code == 200 and rejected not in page.text
    assert rejected in client.get("/?include_rejected=true").text


def test_the_cli_page_takes_the_same_toggle(db: Path) -> None:
    rejected = finding_events(db)[0]
    review(db, rejected, "rejected")
    command = ["page", "findings", "--db", str(db)]
    hidden = CliRunner().invoke(app, command)
    shown = CliRunner().invoke(app, [*command, "-p", "include_rejected=true"])
    assert hidden.exit_code == 0 and shown.exit_code == 0, hidden.output + shown.output
    assert rejected not in hidden.stdout and rejected in shown.stdout


def test_confirmed_events_are_marked_in_rows_and_on_the_actor_page(db: Path) -> None:
    confirmed, other = finding_events(db)
    review(db, confirmed, "confirmed")
    client = TestClient(make_app(db, ApiSettings()))
    findings = client.get("/api/findings").json()["findings"]
    assert {f["event"]: f["review"] for f in findings} == {confirmed: "confirmed", other: None}
    events = {e["id"]: e["review"] for e in client.get("/api/events").json()["events"]}
    assert events[confirmed] == "confirmed" and events[other] is None
    assert client.get("/api/actors/RUS").json()["review"] == {"confirmed": 1}
    page = client.get("/events")
    assert page.status_code == 200 and 'class="review-badge confirmed"' in page.text


def test_a_rejected_event_raises_no_alert(db: Path) -> None:
    rejected, kept = finding_events(db)
    review(db, rejected, "rejected")
    with open_store(db) as store:
        stored = load_articles(store.con, "a.current", [], 100, 0)
        matches = find_matches(store.con, stored, [DEFAULT_RULE])
    assert {m.event.id for m in matches} == {kept}


READERS = {
    ExportFormat.csv: "read_csv_auto('{}/{}.csv')",
    ExportFormat.jsonl: "read_json_auto('{}/{}.jsonl')",
    ExportFormat.parquet: "read_parquet('{}/{}/**/*.parquet')",
}


def an_incident(db: Path) -> str:
    with open_store(db) as store:
        return str(store.con.execute("SELECT min(id) FROM incidents").fetchall()[0][0])


@pytest.mark.parametrize("fmt", list(READERS))
def test_table_exports_carry_the_review_of_each_event_and_incident(
    db: Path, tmp_path: Path, fmt: ExportFormat
) -> None:
    confirmed, other = finding_events(db)
    review(db, confirmed, "confirmed")
    incident = an_incident(db)
    review(db, incident, "rejected")
    out = tmp_path / "export"
    export_store(db, out, fmt, ["events", "findings", "reviews"])
    con = duckdb.connect()
    read = READERS[fmt]
    events = dict(con.execute(f"SELECT id, review FROM {read.format(out, 'events')}").fetchall())
    findings = con.execute(f"SELECT event, review FROM {read.format(out, 'findings')}").fetchall()
    assert events[confirmed] == "confirmed" and events[other] is None
    assert set(findings) == {(confirmed, "confirmed"), (other, None)}
    one_file = read.replace("/**/*.parquet", ".parquet")  # a table without partitions
    reviews = con.execute(f"SELECT id, kind, status FROM {one_file.format(out, 'reviews')}")
    assert set(reviews.fetchall()) == {
        (confirmed, "event", "confirmed"),
        (incident, "incident", "rejected"),
    }


def dyad_of(db: Path, event: str) -> tuple[str, str]:
    with open_store(db) as store:
        found = store.con.execute(
            "SELECT source_keys[1], target_keys[1] FROM events WHERE id = ?", [event]
        ).fetchall()
    return found[0][0], found[0][1]


def test_ftm_graph_and_dossier_exports_mark_what_analysts_reviewed(
    db: Path, tmp_path: Path
) -> None:
    confirmed, other = finding_events(db)
    review(db, confirmed, "confirmed")
    runner = CliRunner()
    for fmt in ("ftm", "graphml"):
        done = runner.invoke(
            app, ["export", "--format", fmt, "--out", str(tmp_path), "--db", str(db)]
        )
        assert done.exit_code == 0, done.output
    entities = [json.loads(line) for line in (tmp_path / "entities.ftm.json").open()]
    events = {e["properties"]["recordId"][0]: e for e in entities if e["schema"] == "Event"}
    assert "review:confirmed" in events[confirmed]["properties"]["keywords"]
    assert not any(k.startswith("review:") for k in events[other]["properties"]["keywords"])
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    marked = {
        e["properties"]["recordId"][0]
        for e in links
        if "review: confirmed" in e["properties"]["status"]
    }
    assert marked == {confirmed}
    notes = [e for e in entities if e["schema"] == "Note"]
    reviewed = [n for n in notes if "review:confirmed" in n["properties"].get("keywords", [])]
    assert len(reviewed) == sum(
        1 for n in notes if events[confirmed]["id"] in n["properties"]["entity"]
    )
    assert reviewed
    graph = nx.read_graphml(tmp_path / "actors.graphml")
    source, target = dyad_of(db, confirmed)
    edges = {(a, b): data for a, b, data in graph.edges(data=True)}
    assert edges[(source, target)]["confirmed"] == 1
    assert sum(data["confirmed"] for data in edges.values()) == 1
    dossier = runner.invoke(
        app, ["dossier", "--from", source, "--to", target, "--format", "md", "--db", str(db)]
    )
    assert dossier.exit_code == 0, dossier.output
    assert "review: confirmed" in dossier.stdout
    other_source, other_target = dyad_of(db, other)
    plain = runner.invoke(
        app,
        [
            "dossier",
            "--from",
            other_source,
            "--to",
            other_target,
            "--format",
            "md",
            "--db",
            str(db),
        ],
    )
    assert "review:" not in plain.stdout


def test_the_incident_list_marks_each_reviewed_incident(db: Path) -> None:
    incident = an_incident(db)
    review(db, incident, "confirmed")
    client = TestClient(make_app(db, ApiSettings()))
    listed = {i["id"]: i["review"] for i in client.get("/api/incidents").json()["incidents"]}
    assert listed[incident] == "confirmed"
    assert set(listed.values()) == {"confirmed", None}
    page = client.get("/incidents")
    assert page.status_code == 200
    row = next(r for r in page.text.split("<tr>") if f'href="/incidents/{incident}"' in r)
    assert 'class="review-badge confirmed"' in row
    assert page.text.count("review-badge") == 1
    assert client.get(f"/api/incidents/{incident}").json()["review"] == "confirmed"
    lines = CliRunner().invoke(app, ["incidents", "--json", "--db", str(db)]).stdout
    assert {
        json.loads(line)["id"]: json.loads(line)["review"] for line in lines.splitlines()
    } == listed
