"""Issue #5, "Done means": article sets through the real pipeline into incidents."""

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
    only,
    stories,
    write,
)

from armswatch.pipeline import Analyzer

pytestmark = pytest.mark.issue(5)


def test_wire_copies_of_one_report_are_one_source(tmp_path: Path, analyzer: Analyzer) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, WIRE_COPIES)
    story = only(db)
    assert (story.type, story.dyad, story.articles) == ("arms_transfer", "PRK>RUS", 3)
    assert story.independent_sources == 1, story.origins
    notes = [c.note for e in story.entries for c in e.claims if c.note]
    assert len(notes) == 2 and all("near-copy of w1" in n for n in notes)
    assert any("3 articles but 1 independent source" in r.text for r in story.reasons)


def test_two_outlets_citing_the_same_intelligence_are_one_source(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, SAME_INTELLIGENCE)
    story = only(db)
    assert story.articles == 2 and story.sources == ["USA"]
    [usa] = story.origins
    assert (usa.source_class, usa.anonymous, usa.articles) == ("intelligence", True, 2)
    assert story.reasons[0].text == "+0.24 1 independent intelligence source (USA anonymous ×0.8)"


def test_an_outlet_that_only_carried_a_claim_adds_no_source(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, CARRIED)
    story = only(db)
    assert story.sources == ["USA"]
    chains = [chain for e in story.entries for chain in e.chains]
    assert "carried1 (Kent Messenger) → cites The New York Times → U.S. officials" in chains[0]
    [nyt] = [c for e in story.entries for c in e.claims if c.source_key == "nyt"]
    assert nyt.counted_as is None and "channel, not an origin" in (nyt.note or "")


def test_two_governments_are_two_sources(tmp_path: Path, analyzer: Analyzer) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, TWO_GOVERNMENTS)
    story = only(db)
    assert story.independent_sources == 2 and sorted(story.sources) == ["KOR", "USA"]
    assert story.reasons[0].text == "+0.50 2 independent government sources (KOR; USA)"
    assert story.score == 0.5
    [ammunition] = story.items
    assert ammunition.quantity_min == ammunition.quantity_max == 1_000_000


def test_a_denial_by_the_supplier_is_kept_beside_the_claim(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    alone, denied = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    write(alone, analyzer, [DRONES])
    write(denied, analyzer, [DRONES, DENIAL])
    story = only(denied)
    assert story.articles == 2 and story.denied_by == ["IRN"] and story.sources == ["USA"]
    assert story.conflicts == ["asserted by USA; denied by IRN"]
    assert "-0.20 denied by the supplier IRN" in [r.text for r in story.reasons]
    assert story.score == pytest.approx(only(alone).score - 0.2)
    assert [e.event.status for e in story.entries] == ["delivered", "denied"]


def test_a_plan_that_later_becomes_a_delivery_is_one_incident(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, [DELIVERY, PLAN])
    story = only(db)
    steps = [(s.status, s.since) for s in story.progression]
    assert steps == [("planned", "2023-08-01"), ("delivered", "2023-11-01")]
    assert (story.first_reported, story.last_reported) == ("2023-08-01", "2023-11-01")
    assert sorted(story.sources) == ["KOR", "USA"]


def test_different_weapons_between_the_same_states_are_two_incidents(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    write(db, analyzer, [DRONES, MISSILES])
    found = stories(db)
    assert len(found) == 2 and {s.dyad for s in found} == {"IRN>RUS"}
    assert sorted(i.category for s in found for i in s.items) == ["missile", "uav"]
    [second] = [s for s in found if s.items[0].category == "missile"]
    assert second.entries[0].event.items[0].system == "Fath-360"
