"""DuckDB latency of dashboard-style queries over a store of synthetic events.

The store is created by ``armswatch.store`` (its schema and migrations); its tables are
then filled with synthetic rows in bulk SQL, column by column from the live schema (so a
new column gets a plain default), at about three events per article, a source and a
target actor, an item and an evidence sentence per event, a finding per ten events, an
incident per three events (one claim each), and one article in a hundred superseded.
``QUERIES`` are what a dashboard asks most: a page of latest events, a supplier →
recipient feed, a timeline, the actor network, a rule's findings, one event with its
evidence, an actor's events, the incident list and one incident; each one is the
``armswatch.queries`` function behind that dashboard page and its JSON twin, run on a
read-only ``View`` as ``armswatch serve`` does.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from armswatch.queries import (
    actor_graph,
    event_story,
    incident_story,
    list_events,
    list_findings,
    list_incident_page,
    timeline,
)
from armswatch.queries.params import (
    EventFilters,
    EventQuery,
    FindingQuery,
    GraphQuery,
    IncidentQuery,
)
from armswatch.store.view import View, open_view

COUNTRIES = ["PRK", "RUS", "IRN", "BLR", "UKR", "USA", "CHN", "SYR", "MMR", "VEN", "CUB", "ERI"]
RULES = ["un.dprk.arms_export", "un.iran.missile_uav"]
INCIDENTS = 333_333
"""Incidents in the synthetic store: event i is in incident i % INCIDENTS."""
TYPES = ["arms_transfer", "meeting", "condemnation", "sanction_imposed", "agreement",
         "military_cooperation", "troop_deployment", "military_exercise"]  # fmt: skip


def pick(values: list[str], seed: str) -> str:
    """SQL choosing one of ``values`` by a hash of the SQL expression ``seed``."""
    listed = ", ".join(f"'{v}'" for v in values)
    return f"[{listed}][1 + CAST(hash({seed}) % {len(values)} AS BIGINT)]"


DAY = "strftime(DATE '2014-01-01' + CAST(hash(i) % 4300 AS INTEGER), '%Y-%m-%d')"
OVERRIDES: dict[str, dict[str, str]] = {
    "articles": {
        "id": "'art-' || i", "sha256": "'a' || i", "published": DAY, "language": "'en'",
        "outlet": pick(["Wire A", "Daily B", "Agency C"], "i"), "title": "'Title ' || i",
        "text": "'Synthetic article ' || i", "version": "1",
        "current": "i % 100 <> 0",  # one article in a hundred has a newer version
    },
    "events": {
        "sha256": "'a' || (i // 3)", "ordinal": "i % 3", "id": "'ev-' || i",
        "type": pick(TYPES, "i"), "status": pick(["delivered", "planned", "unknown"], "i + 1"),
        "certainty": pick(["asserted", "probable", "possible"], "i + 2"), "time_start": DAY,
        "time_text": DAY, "day": DAY, "current": "i // 3 % 100 <> 0",  # = its article's
        "time_precision": "'day'", "confidence": "0.7", "extractor": "'bench.synthetic.v1'",
        "source_keys": f"[{pick(COUNTRIES, '2 * i')}]",  # = its actors' rows below
        "target_keys": f"[{pick(COUNTRIES, '2 * i + 1')}]",
    },
    "actors": {
        "sha256": "'a' || (i // 6)", "event_id": "'ev-' || (i // 2)",
        "role": "CASE WHEN i % 2 = 0 THEN 'source' ELSE 'target' END", "ordinal": "0",
        "id": pick(COUNTRIES, "i"), "name": pick(COUNTRIES, "i"),
        "country": pick(COUNTRIES, "i"), "kind": "'state'",
    },
    "items": {"sha256": "'a' || (i // 3)", "event_id": "'ev-' || i", "ordinal": "0",
              "text": "'shells'", "category": pick(["ammunition", "missile", "uav"], "i")},
    "evidence": {"sha256": "'a' || (i // 3)", "event_id": "'ev-' || i", "ordinal": "0",
                 "text": "'Evidence sentence ' || i", "start": "0", "end": "20"},
    "findings": {"sha256": "'a' || (i * 10 // 3)", "ordinal": "0", "event": "'ev-' || (i * 10)",
                 "rule": pick(RULES, "i"),
                 "date": DAY, "contested": "false", "evidence": "[]"},
    # incidents of three events each, from three articles far apart (INCIDENTS)
    "incidents": {
        "id": "'inc-' || i", "type": pick(TYPES, "i"), "title": "'Incident ' || i",
        "dyad": "'dyad'", "source": f"[{pick(COUNTRIES, '2 * i')}]",
        "target": f"[{pick(COUNTRIES, '2 * i + 1')}]", "symmetric": "false",
        "first_reported": DAY, "last_reported": DAY, "time_start": DAY,
        "event_ids": f"['ev-' || i, 'ev-' || (i + {INCIDENTS}), 'ev-' || (i + 2 * {INCIDENTS})]",
        "articles": "3", "independent_sources": "1 + i % 3", "score": "0.5",
        "block": "'block-' || (i % 1000)", "first_key": "'k' || i",
    },
    "incident_events": {
        "incident_id": f"'inc-' || (i % {INCIDENTS})", "event_id": "'ev-' || i",
        "sha256": "'a' || (i // 3)", "block": pick(TYPES, "i") + " || '|dyad'",
        "sort_key": DAY, "reason": "'synthetic'",
    },
    "claims": {
        "incident_id": f"'inc-' || (i % {INCIDENTS})", "event_id": "'ev-' || i",
        "sha256": "'a' || (i // 3)", "article_id": "'art-' || (i // 3)",
        "source_key": pick(COUNTRIES, "i"), "source_name": "'Source'",
        "source_class": "'government'", "anonymous": "false", "origin": "'attribution'",
        "stance": "'supports'", "status": "'delivered'", "certainty": "'asserted'",
    },
}  # fmt: skip
ROWS_PER_EVENT = {
    "articles": 1 / 3, "events": 1, "actors": 2, "items": 1, "evidence": 1, "findings": 0.1,
    "incidents": 1 / 3, "incident_events": 1, "claims": 1,
}  # fmt: skip


def default_for(data_type: str, nullable: bool) -> str:
    if nullable:
        return "NULL"
    if data_type.endswith("[]"):
        return "[]"
    return {"BOOLEAN": "false", "TIMESTAMP": "now()", "BIGINT": "0", "DOUBLE": "0"}.get(
        data_type, "''"
    )


def fill_table(con: duckdb.DuckDBPyConnection, table: str, rows: int) -> None:
    columns = con.execute(
        "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    overrides = OVERRIDES[table]
    names = ", ".join(f'"{name}"' for name, _, _ in columns)
    values = ", ".join(overrides.get(n) or default_for(t, null) for n, t, null in columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {values} FROM range({rows}) t(i)")


def fill(con: duckdb.DuckDBPyConnection, events: int) -> None:
    for table, per_event in ROWS_PER_EVENT.items():
        fill_table(con, table, max(1, int(events * per_event)))


Ask = Callable[[View, random.Random], object]
QUERIES: dict[str, Ask] = {
    "latest events of a type (page of 50)": lambda view, rng: list_events(
        view, EventQuery(type=rng.choice(TYPES), limit=50)
    ),
    "transfers supplier → recipient (page of 50)": lambda view, rng: list_events(
        view,
        EventQuery(
            type="arms_transfer",
            source=rng.choice(COUNTRIES),
            target=rng.choice(COUNTRIES),
        ),
    ),
    "timeline: events per month and type": lambda view, rng: timeline(
        view, EventFilters(since=f"{rng.randint(2014, 2024)}-01-01")
    ),
    "network: supplier → recipient edges": lambda view, rng: actor_graph(view, GraphQuery()),
    "findings of a rule (page of 50)": lambda view, rng: list_findings(
        view, FindingQuery(rule=rng.choice(RULES), limit=50)
    ),
    "one event with its evidence": lambda view, rng: event_story(view, f"ev-{rng.randrange(1000)}"),
    "actor profile: its events (page of 50)": lambda view, rng: list_events(
        view, EventQuery(actor=rng.choice(COUNTRIES), limit=50)
    ),
    "incidents, best sourced first (page of 50)": lambda view, rng: list_incident_page(
        view, IncidentQuery(min_sources=rng.choice([1, 2, 3]))
    ),
    "one incident with its reports": lambda view, rng: incident_story(
        view, f"inc-{rng.randrange(1000)}"
    ),
}
"""The dashboard's pages, each through the same ``armswatch.queries`` function the page
and its JSON twin call."""


@dataclass
class Latencies:
    """Seconds of each query's runs, and DuckDB's memory (MB by tag) after all of them."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    memory_mb: dict[str, float] = field(default_factory=dict)


def dashboard_latency(path: Path, events: int, runs: int = 40) -> Latencies:
    """Each query ``runs`` times (after one warm-up) on a filled store."""
    from armswatch.store.store import open_store

    # a store of a million events needs more than the default writing limit for its
    # indexes (docs/store.md, Memory), as a user filling one would set it
    os.environ.setdefault("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "2GB")
    with open_store(path) as store:
        fill(store.con, events)
    rng = random.Random(0)
    found = Latencies()
    with open_view(path) as view:
        for name, ask in QUERIES.items():
            ask(view, rng)
            found.seconds[name] = []
            for _ in range(runs):
                start = time.perf_counter()
                ask(view, rng)
                found.seconds[name].append(time.perf_counter() - start)
        memory = view.con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()")
        found.memory_mb = {tag: used / 2**20 for tag, used in memory.fetchall() if used}
    return found
