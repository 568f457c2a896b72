"""Every write path keeps the list pages (``store.pages``) in step with the store: a run
that adds, a re-analysis that changes, a review and a fusion are all in the next page,
read from the page tables (not from the lists' fallback queries)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from armswatch.fuse.update import rebuild_incidents
from armswatch.ledger.reanalyze import ReanalyzeOptions, reanalyze
from armswatch.ledger.review import set_review
from armswatch.pipeline import Analyzer
from armswatch.queries import list_events, list_incident_page
from armswatch.queries.params import EventQuery, IncidentQuery
from armswatch.run.local import RunOptions, run_local
from armswatch.store.readmodel import fresh
from armswatch.store.store import open_store
from armswatch.store.view import open_view

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]

FIRST = "Venezuela shipped assault rifles to Cuba in March, port officials said."
LATER = "Cuba delivered mortar rounds to Venezuela on Friday, a customs officer said."


def source(folder: Path, name: str, text: str, day: str) -> Path:
    path = folder / f"{name}.jsonl"
    path.write_text(f'{{"id": "{name}", "published": "{day}", "text": "{text}"}}\n', "utf-8")
    return path


def page(db: Path, **filters: Any) -> list[dict[str, Any]]:
    """The rows of an event list page, asserting it came from fresh page tables."""
    with open_view(db) as view:
        assert fresh(view)
        return [row.model_dump() for row in list_events(view, EventQuery(**filters)).events]


def statuses(db: Path) -> dict[str, str]:
    return {row["id"]: row["status"] for row in page(db, actor="VEN")}


def test_runs_reanalysis_reviews_and_fusion_are_in_the_next_page(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "pages.duckdb"
    run_local([source(tmp_path, "first", FIRST, "2023-03-20")], db, analyzer=analyzer)
    first = page(db, actor="VEN")
    assert [row["article"]["id"] for row in first] == ["first"]

    run_local([source(tmp_path, "later", LATER, "2023-05-02")], db, RunOptions(), analyzer=analyzer)
    rows = page(db, actor="ven", counterpart="CUB")
    assert [row["article"]["id"] for row in rows] == ["later", "first"]  # a run that adds

    event, status = first[0]["id"], first[0]["status"]
    older = "planned" if status != "planned" else "delivered"
    with open_store(db) as store:  # an older extractor's status, and a stale fingerprint
        store.con.execute("UPDATE events SET status = ? WHERE id = ?", [older, event])
        store.con.execute("UPDATE articles SET fingerprint = NULL").fetchall()
    assert statuses(db)[event] == older
    reanalyze(db, ReanalyzeOptions(), analyzer=analyzer)  # a re-analysis that changes
    assert statuses(db)[event] == status

    rebuild_incidents(db)  # a fusion: rows name their incident, the incident list has it
    incident = page(db, actor="VEN")[-1]["incident"]
    with open_view(db) as view:
        listed = list_incident_page(view, IncidentQuery(actor="VEN")).incidents
    assert incident is not None and incident in {row.id for row in listed}

    with open_store(db) as store:  # a review: a rejected event leaves the list
        set_review(store.con, event, "rejected")
    assert event not in {row["id"] for row in page(db, actor="VEN")}
    assert event in {row["id"] for row in page(db, actor="VEN", include_rejected=True)}
