"""A new article updates incidents without recomputing the world, and the result is
exactly what a full rebuild gives, whatever order the articles come in."""

from __future__ import annotations

from pathlib import Path

import pytest
from fusekit import (
    CARRIED,
    DELIVERY,
    DENIAL,
    DRONES,
    MISSILES,
    PLAN,
    SAME_INTELLIGENCE,
    TWO_GOVERNMENTS,
    WIRE_COPIES,
    art,
    snapshot,
    stories,
    write,
)

from armswatch.fuse import rebuild_incidents, update_incidents
from armswatch.pipeline import Analyzer
from armswatch.store.store import open_store

pytestmark = pytest.mark.issue(5)

SETS = [PLAN, *SAME_INTELLIGENCE, DRONES, DENIAL, MISSILES, *TWO_GOVERNMENTS, DELIVERY]
ALL = sorted([*SETS, *WIRE_COPIES, *CARRIED], key=lambda a: (a.published, a.doc_id))


def rebuilt(db: Path) -> dict[str, list[str]]:
    rebuild_incidents(db)
    return snapshot(db)


def test_articles_in_date_order_extend_incidents_and_equal_a_rebuild(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    reports = [write(db, analyzer, [article]) for article in ALL]
    assert sum(r.blocks_recomputed for r in reports) == 0
    assert max(r.incidents_written for r in reports) == 1  # one incident touched per article
    incremental = snapshot(db)
    assert incremental == rebuilt(db)
    found = sorted((s.dyad, s.items[0].category, s.articles) for s in stories(db))
    assert found == [
        ("IRN>RUS", "missile", 1),
        ("IRN>RUS", "uav", 2),
        ("PRK>RUS", "ammunition", 11),
    ]


def test_articles_in_reverse_order_recompute_their_block_and_equal_a_rebuild(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db, forward = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    reports = [write(db, analyzer, [article]) for article in reversed(ALL)]
    assert sum(r.blocks_recomputed for r in reports) > 0
    assert snapshot(db) == rebuilt(db)
    write(forward, analyzer, ALL)
    assert groups(db) == groups(forward)


def groups(db: Path) -> set[frozenset[str]]:
    """Which articles are reported together, whatever the incidents' ids."""
    return {frozenset(e.article_id for e in s.entries) for s in stories(db)}


def test_a_new_version_of_an_article_replaces_its_events(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, [DRONES, MISSILES])
    revised = art("drones1", "Kent Messenger", "2022-10-20", DRONES.text.replace("August", "July"))
    report = write(db, analyzer, [revised])
    assert report.blocks_recomputed == 1
    [drones] = [s for s in stories(db) if s.items[0].category == "uav"]
    assert [e.event.sha256 for e in drones.entries] == [revised.sha256]
    assert drones.time_start == "2022-07-01"
    assert snapshot(db) == rebuilt(db)


def test_update_without_keys_fuses_every_event_not_yet_fused(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, TWO_GOVERNMENTS)
    with open_store(db) as store:
        store.con.execute("DELETE FROM incident_events").fetchall()
        store.con.execute("DELETE FROM incidents").fetchall()
        store.con.execute("DELETE FROM claims").fetchall()
        assert update_incidents(store).events == 2
        assert update_incidents(store).events == 0
    assert snapshot(db) == rebuilt(db)
