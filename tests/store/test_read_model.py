"""The read model (``store.readmodel``) answers the event, incident and list pages exactly
as the store does, and is never read when it is missing, damaged or out of date.

The store is made by the full pipeline from invented reports (actors, attributions,
findings, claims of several outlets), so every part of an event and an incident is in it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armswatch import queries
from armswatch.fuse.update import rebuild_incidents
from armswatch.pipeline import Analyzer
from armswatch.queries.params import EventQuery, FindingQuery, IncidentQuery
from armswatch.queries.story import event_story, incident_story
from armswatch.run.local import RunOptions, run_local
from armswatch.store import docs, readmodel
from armswatch.store.readmodel import read_model_path
from armswatch.store.store import open_store
from armswatch.store.view import View, open_view

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]

REPORTS = [
    (
        "harbor-1",
        "2023-04-02",
        "Harbor Ledger",
        "Uganda delivered armoured vehicles to South Sudan in March, two diplomats told the "
        "Harbor Ledger. Kenya condemned the delivery as a breach of the UN arms embargo.",
    ),
    (
        "nile-7",
        "2023-04-05",
        "Nile Courier",
        "Uganda has delivered armoured vehicles to South Sudan, a UN official told the Nile "
        "Courier on Tuesday.",
    ),
    (
        "gulf-3",
        "2023-05-01",
        "Gulf Wire",
        "Venezuela shipped assault rifles to Cuba in March, port officials said.",
    ),
]


def write_reports(folder: Path, reports: list[tuple[str, str, str, str]]) -> Path:
    path = folder / "reports.jsonl"
    lines = [
        json.dumps({"id": key, "published": day, "outlet": outlet, "text": text})
        for key, day, outlet, text in reports
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    db = folder / "store.duckdb"
    run_local([write_reports(folder, REPORTS)], db, RunOptions(), analyzer=analyzer)
    rebuild_incidents(db)
    return db


def every_page(view: View) -> dict[str, Any]:
    """Every event's and incident's page and the first page of each list, as JSON."""
    found: dict[str, Any] = {}
    for (event_id,) in view.con.execute("SELECT id FROM events").fetchall():
        found[event_id] = event_story(view, event_id).model_dump()
    for (incident_id,) in view.con.execute("SELECT id FROM incidents").fetchall():
        found[incident_id] = incident_story(view, incident_id).model_dump()
    found["events"] = queries.list_events(view, EventQuery()).model_dump()
    found["findings"] = queries.list_findings(view, FindingQuery()).model_dump()
    found["incidents"] = queries.list_incident_page(view, IncidentQuery()).model_dump()
    return found


@pytest.fixture
def without_read_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pages read the store, as when the read model is not fresh."""
    monkeypatch.setattr(readmodel, "connection", lambda view: None)
    yield


def test_every_page_is_the_same_from_the_read_model_as_from_the_store(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_view(store) as view:
        assert readmodel.connection(view) is not None
        from_read_model = every_page(view)
        monkeypatch.setattr(readmodel, "connection", lambda view: None)
        from_store = every_page(view)
    kinds = {page.get("kind") for page in from_read_model.values()}
    assert {"event", None} <= kinds and len(from_read_model) >= 6
    stories = [page for page in from_read_model.values() if page.get("entries") is not None]
    assert any(len(page["entries"]) == 2 for page in stories)  # two outlets, one incident
    assert any(e["event"]["attribution"] for p in stories for e in p["entries"])
    assert any(page.get("findings") for page in from_read_model.values())
    assert from_read_model == from_store


def test_events_and_articles_are_kept_as_the_store_assembles_them(store: Path) -> None:
    with open_view(store) as view:
        con = readmodel.connection(view)
        assert con is not None
        ids = [row[0] for row in view.con.execute("SELECT id FROM events").fetchall()]
        kept = docs.event_docs(con, [*ids, "ev_unknown"])
        assert set(kept) == set(ids)
        for event_id in ids:
            assert kept[event_id].event == view.event(event_id)
        shas = [row[0] for row in view.con.execute("SELECT sha256 FROM articles").fetchall()]
        articles = docs.articles(con, [*shas, "0" * 64])
        assert set(articles) == set(shas)
        for sha in shas:
            assert articles[sha] == view.article(sha)


def test_a_missing_or_damaged_read_model_is_not_read_and_the_next_writer_rebuilds_it(
    store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(store.read_bytes())
    with open_view(db) as view:  # a store copied without its read model
        assert readmodel.connection(view) is None
        copied = every_page(view)
    read_model_path(db).write_bytes(b"not a database")
    with open_view(db) as view:
        assert readmodel.connection(view) is None
        assert every_page(view) == copied
    with open_store(db):
        pass  # a writer that writes nothing still rebuilds a file that is not its store's
    with open_view(db) as view:
        assert readmodel.connection(view) is not None
        assert every_page(view) == copied


def test_a_read_model_that_fails_to_read_is_left_for_the_store(
    store: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(store.read_bytes())
    with open_view(db) as view:
        expected = every_page(view)
    with open_store(db):
        pass
    with sqlite3.connect(read_model_path(db)) as damaged:  # its fingerprint still matches
        damaged.execute("DROP TABLE events")
        damaged.execute("DROP TABLE keys")
    with open_view(db) as view:
        assert readmodel.connection(view) is not None
        assert every_page(view) == expected
    assert "read model unreadable" in caplog.text


def test_a_reader_sees_the_new_read_model_once_a_writer_replaced_it(
    store: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(store.read_bytes())
    with open_store(db):
        pass
    with open_view(db) as view:
        before = queries.list_events(view, EventQuery(actor="ZWE")).events
    assert before == []
    text = "Zimbabwe bought four helicopters from Belarus."
    later = [("sahel-2", "2023-06-09", "Sahel Post", text)]
    run_local([write_reports(tmp_path, later)], db, RunOptions(), analyzer=analyzer)
    with open_view(db) as view:
        assert readmodel.connection(view) is not None
        after = queries.list_events(view, EventQuery(actor="ZWE")).events
    assert [row.article.id for row in after] == ["sahel-2"]


def test_a_read_model_that_cannot_be_built_leaves_the_store_whole(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(store.read_bytes())

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docs, "build", full_disk)
    with open_store(db) as writer:
        writer.con.execute("UPDATE events SET status = 'planned'").fetchall()
    assert "read model not rebuilt" in caplog.text
    assert [p.name for p in tmp_path.iterdir() if ".building" in p.name] == []
    with open_view(db) as view:
        assert readmodel.connection(view) is None  # stale: the lists use their queries
        statuses = {row.status for row in queries.list_events(view, EventQuery()).events}
    assert statuses == {"planned"}
