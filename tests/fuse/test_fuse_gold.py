"""The dev gold corpus processed as one corpus: incidents never mix types or dyads."""

from __future__ import annotations

from pathlib import Path

import pytest
from fusekit import snapshot

from armswatch.fuse import list_incidents, rebuild_incidents
from armswatch.fuse.facts import Dyad
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local
from armswatch.store.view import open_view

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def dev_db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer, shared: Path) -> Path:
    articles = shared / "gold" / "dev" / "articles.jsonl"
    if not articles.is_file():
        pytest.skip(f"{articles} not found: the dev gold set is needed for this test")
    db = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    run_local([articles], db, RunOptions(batch_size=5, progress=False), analyzer=analyzer)
    return db


def test_no_incident_mixes_event_types_or_dyads(dev_db: Path) -> None:
    with open_view(dev_db) as view:
        events = {e.id: e for e in view.events(limit=100_000)}
        incidents = list_incidents(view, limit=1000)
    assert incidents
    for incident in incidents:
        blocks = {
            (events[i].type, Dyad.of(events[i].type, events[i].source, events[i].target).key)
            for i in incident.event_ids
        }
        assert blocks == {(incident.type, incident.dyad)}, incident.title
    fused = [i for incident in incidents for i in incident.event_ids]
    assert sorted(fused) == sorted(events), "every event is in exactly one incident"


def test_the_run_kept_incidents_as_a_rebuild_makes_them(dev_db: Path) -> None:
    before = snapshot(dev_db)
    rebuild_incidents(dev_db)
    assert snapshot(dev_db) == before


def test_the_iranian_denial_sits_beside_the_us_claims(dev_db: Path) -> None:
    with open_view(dev_db) as view:
        transfers = list_incidents(view, actor="irn", type="arms_transfer")
    # a hedged report of another kind of weapon is its own event (issue 11), so the dyad
    # may hold a second, smaller incident; the denial joins the delivered one
    [denied] = [t for t in transfers if t.denied_by]
    assert {t.dyad for t in transfers} == {"IRN>RUS"} and denied.denied_by == ["IRN"]
    assert "USA" in denied.sources and denied.articles >= 2
