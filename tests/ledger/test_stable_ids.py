"""Issue 15: content-derived ids, the same in Python and in the migration that carries
stores with positional ids (``<sha>:e<n>``) over."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from armswatch.ledger.ids import event_ids, finding_id
from armswatch.model import Actor, Event, Evidence, Span
from armswatch.pipeline import Analyzer
from armswatch.store import schema
from armswatch.store.registry import all_migrations
from armswatch.store.rows import Rows, analysis_to_rows

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from storekit import DRONES, SHELLS, article
from test_event_keys import insert_before

SHA = "a" * 64
IRN = Actor(id="IRN", name="Iran", country="IRN", kind="state")
RUS = Actor(id="RUS", name="Russia", country="RUS", kind="state")
PRK = Actor(id="PRK", name="North Korea", country="PRK", kind="state")


def event(source: Actor, target: Actor, start: int, type_: str = "arms_transfer") -> Event:
    trigger = Span(text="sent", start=start, end=start + 4)
    return Event.model_validate(
        {
            "id": f"x:e{start}",
            "type": type_,
            "source": [source],
            "target": [target],
            "evidence": [Evidence(text="sent", start=start, end=start + 4, trigger=trigger)],
            "confidence": 0.9,
        }
    )


@pytest.mark.issue(15)
def test_an_event_keeps_its_id_when_an_earlier_event_appears() -> None:
    shells = event(PRK, RUS, 100)
    before = event_ids(SHA, [shells])
    after = event_ids(SHA, [event(IRN, RUS, 10), shells])
    assert after[1] == before[0]
    assert after[0] != after[1]
    assert event_ids(SHA, [shells]) == before  # the same analysis, the same id
    assert before[0].startswith("ev_") and len(before[0]) == 27


@pytest.mark.issue(15)
def test_the_evidence_span_tells_apart_only_events_that_share_every_key() -> None:
    one, other = event(IRN, RUS, 10), event(IRN, RUS, 200)
    alone = event_ids(SHA, [one])
    both = event_ids(SHA, [one, other])
    assert both[0] != both[1]
    assert both[0] != alone[0]  # the span is added to both once they tie
    assert event_ids(SHA, [one, event(RUS, IRN, 200)])[0] == alone[0]  # direction counts
    assert event_ids(SHA, [one, one.model_copy(update={"id": "x:e9"})])[0] != alone[0]
    assert len(set(event_ids(SHA, [one, one.model_copy(update={"id": "x:e9"})]))) == 2
    assert event_ids("b" * 64, [one]) != alone  # another article, another id
    assert event_ids(SHA, [event(IRN, RUS, 10, "meeting")]) != alone


def test_a_finding_id_hashes_its_event_and_rule() -> None:
    assert finding_id("ev_1", "un.dprk.arms_export") == finding_id("ev_1", "un.dprk.arms_export")
    assert finding_id("ev_1", "un.dprk.arms_export") != finding_id("ev_1", "eu.rus.arms")


def positional(rows: Rows) -> tuple[Rows, dict[str, str]]:
    """The rows as a store before migration 7 held them: ``<sha>:e<n>`` ids, no finding
    ids; and the map from those ids to the stable ones."""
    old = {r["id"]: f"{r['sha256']}:e{r['ordinal']}" for r in rows["events"]}
    out: Rows = {name: [dict(r) for r in found] for name, found in rows.items()}
    for r in out["events"]:
        r["id"] = old[r["id"]]
    for name in ("actors", "items", "evidence", "attributions"):
        for r in out[name]:
            r["event_id"] = old[r["event_id"]]
    for r in out["findings"]:
        r["event"], r["id"] = old[r["event"]], None
    return out, {v: k for k, v in old.items()}


@pytest.mark.slow
@pytest.mark.issue(15)
def test_migration_seven_gives_stored_events_the_ids_a_new_analysis_gives(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: Rows = {}
    for item in (article(DRONES, "d1"), article(SHELLS, "s1")):
        for name, found in analysis_to_rows(analyzer.analyze(item), item.text).items():
            rows.setdefault(name, []).extend(found)
    assert rows["findings"], "the test needs a finding"
    con = duckdb.connect()
    earlier = tuple(m for m in all_migrations() if m.version < 7)
    monkeypatch.setattr(schema, "all_migrations", lambda: earlier)
    schema.apply_migrations(con)
    monkeypatch.undo()
    old, stable = positional(rows)
    tables = ("articles", "events", "actors", "items", "evidence", "attributions", "findings")
    insert_before(con, old, tables=tables)
    first = old["events"][0]
    con.execute(
        "INSERT INTO incident_events VALUES ('inc_1', ?, ?, 'b', 'k', 'first report')",
        [first["id"], first["sha256"]],
    )
    con.execute(
        "INSERT INTO claims (incident_id, event_id, sha256, article_id, source_key, "
        "source_name, source_class, anonymous, origin, stance, status, certainty) "
        "VALUES ('inc_1', ?, ?, 'd1', 'k', 'n', 'media', false, 'outlet', 'supports', "
        "'delivered', 'asserted')",
        [first["id"], first["sha256"]],
    )
    assert 7 in schema.apply_migrations(con)

    def ids(query: str) -> list[str]:
        return sorted(str(v) for (v,) in con.execute(query).fetchall())

    assert ids("SELECT id FROM events") == sorted(r["id"] for r in rows["events"])
    for name in ("actors", "items", "evidence", "attributions"):
        assert ids(f"SELECT event_id FROM {name}") == sorted(r["event_id"] for r in rows[name])
    findings = con.execute("SELECT event, id FROM findings ORDER BY id").fetchall()
    assert findings == sorted((r["event"], r["id"]) for r in rows["findings"])
    assert ids("SELECT event_id FROM incident_events") == [stable[first["id"]]]
    assert ids("SELECT event_id FROM claims") == [stable[first["id"]]]
    assert ids("SELECT fingerprint FROM articles") == ["None", "None"]
