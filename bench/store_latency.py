"""DuckDB latency of dashboard-style queries over a store of synthetic events.

The store is created by ``armswatch.store`` (its schema and migrations); its tables are
then filled with synthetic rows in bulk SQL, column by column from the live schema (so a
new column gets a plain default), at about three events per article, a source and a
target actor, an item and an evidence sentence per event and a finding per ten events.
``QUERIES`` are what a dashboard asks most: a page of latest events, a supplier →
recipient feed, a timeline, the top pairs, findings per rule, one event with its
evidence, an actor's profile. Supplier/recipient queries read the events' own
``source_keys``/``target_keys`` (store migration 3) instead of joining ``actors``.
Replace them with the store's own read functions once ``armswatch.store.view`` has them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

COUNTRIES = ["PRK", "RUS", "IRN", "BLR", "UKR", "USA", "CHN", "SYR", "MMR", "VEN", "CUB", "ERI"]
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
        "text": "'Synthetic article ' || i", "version": "1", "current": "true",
    },
    "events": {
        "sha256": "'a' || (i // 3)", "ordinal": "i % 3", "id": "'ev-' || i",
        "type": pick(TYPES, "i"), "status": pick(["delivered", "planned", "unknown"], "i + 1"),
        "certainty": pick(["asserted", "probable", "possible"], "i + 2"), "time_start": DAY,
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
                 "rule": pick(["un.dprk.arms_export", "un.iran.missile_uav"], "i"),
                 "date": DAY, "contested": "false", "evidence": "[]"},
}  # fmt: skip
ROWS_PER_EVENT = {"articles": 1 / 3, "events": 1, "actors": 2, "items": 1, "evidence": 1,
                  "findings": 0.1}  # fmt: skip


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


Params = Callable[[random.Random], list[Any]]
PAIRS = """SELECT s, t, count(*) AS n
  FROM (SELECT unnest(source_keys) AS s, target_keys FROM events WHERE type = 'arms_transfer'),
  unnest(target_keys) AS u(t) GROUP BY ALL ORDER BY n DESC LIMIT 20"""
PROFILE = """SELECT type, count(*) FILTER (WHERE list_contains(source_keys, ?)) AS as_source,
  count(*) FILTER (WHERE list_contains(target_keys, ?)) AS as_target FROM events GROUP BY type"""
QUERIES: dict[str, tuple[str, Params]] = {
    "latest events of a type (page of 50)": (
        "SELECT e.id, e.type, e.status, e.time_start, a.title, a.outlet FROM (SELECT * "
        "FROM events WHERE type = ? ORDER BY time_start DESC LIMIT 50) e "
        "JOIN articles a USING (sha256) ORDER BY e.time_start DESC",
        lambda rng: [rng.choice(TYPES)],
    ),
    "transfers supplier → recipient": (
        "SELECT id, time_start, status FROM events WHERE type = 'arms_transfer' "
        "AND list_contains(source_keys, ?) AND list_contains(target_keys, ?) "
        "ORDER BY time_start DESC LIMIT 100",
        lambda rng: rng.sample(COUNTRIES, 2),
    ),
    "timeline: events per month and type": (
        "SELECT substr(time_start, 1, 7) AS month, type, count(*) FROM events "
        "WHERE time_start >= ? GROUP BY ALL ORDER BY month",
        lambda rng: [f"{rng.randint(2014, 2024)}-01-01"],
    ),
    "top supplier → recipient pairs": (PAIRS, lambda rng: []),
    "findings per rule and year": (
        "SELECT rule, substr(date, 1, 4) AS year, count(*) FROM findings GROUP BY ALL",
        lambda rng: [],
    ),
    "one event with its evidence": (
        "SELECT e.*, v.text FROM events e JOIN evidence v ON v.event_id = e.id WHERE e.id = ?",
        lambda rng: [f"ev-{rng.randrange(1000)}"],
    ),
    "actor profile: events by type and role": (PROFILE, lambda rng: [rng.choice(COUNTRIES)] * 2),
}


def dashboard_latency(path: Path, events: int, runs: int = 40) -> dict[str, list[float]]:
    """Seconds of each query, ``runs`` times (after one warm-up), on a filled store."""
    from armswatch.store.db import connect
    from armswatch.store.store import open_store

    with open_store(path) as store:
        fill(store.con, events)
    con = connect(path, read_only=True)
    rng = random.Random(0)
    timings: dict[str, list[float]] = {}
    try:
        for name, (sql, params) in QUERIES.items():
            con.execute(sql, params(rng)).fetchall()
            timings[name] = []
            for _ in range(runs):
                start = time.perf_counter()
                con.execute(sql, params(rng)).fetchall()
                timings[name].append(time.perf_counter() - start)
    finally:
        con.close()
    return timings
