"""List pages from the read model: a page of 50 in one lookup of sorted keys, not a scan.

The event, finding and incident lists sort a million rows by date for every page they
show. The read model (``store.readmodel``) keeps those lists already sorted and
denormalised, for the filters analysts use most (``FACETS``): each list row once, as the
JSON of what the list shows (``rows``, by its place ``g`` in the list's order), and for
each facet (``type=meeting``, ``actor=PRK``, ``rule=un.dprk.arms_export`` …) the rows'
places in that facet (``keys`` and ``keys_asc``: the facets' keys one after the other,
``KEY_CHUNK`` places to a row; ``facets`` tells where each facet starts). A page is the
keys ``start + offset`` to ``start + offset + limit``, then their rows. ``build``
computes them in the store (DuckDB sorts and joins a million rows in seconds) and copies
them into the read model.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from armswatch.store import readmodel
from armswatch.store.columns import struct_sql
from armswatch.store.readmodel import stop_point

if TYPE_CHECKING:
    from armswatch.store.view import View

LISTS = ("events", "findings", "incidents")
MAX_SOURCES_FACET = 10
"""``incidents`` has facets ``min_sources=1`` to ``=10``; a higher minimum is queried."""

FACETS: dict[str, tuple[tuple[str, ...], ...]] = {
    "events": (
        (),
        ("type",),
        ("actor",),
        ("source",),
        ("target",),
        ("type", "actor"),
        ("source", "target"),
        ("type", "source", "target"),
        ("actor", "counterpart"),
    ),
    "findings": ((), ("rule",)),
    "incidents": ((), ("actor",), ("min_sources",)),
}
"""Per list, the filter combinations it has facets for (names of ``facet``): the events'
are actor keys (``events.source_keys``/``target_keys``); ``actor`` + ``counterpart`` is
the dyad either way round; the findings' a rule id as stored; the incidents' an actor key
on either side or a minimum of independent sources."""


def facet(**values: object) -> str:
    """The facet of these filter values, in the order given (``type=meeting&actor=PRK``);
    the caller checks that the combination is one of ``FACETS``."""
    return "&".join(f"{name}={value}" for name, value in values.items())


@dataclass(frozen=True)
class Page:
    """A page of a list: how many rows match, and the page's rows (decoded JSON)."""

    total: int
    rows: list[dict[str, Any]]


FACET = "SELECT start, total FROM facets WHERE list = ? AND facet = ?"
PLACES = "SELECT places FROM {keys} WHERE chunk BETWEEN ? AND ? ORDER BY chunk"
KEY_CHUNK = 512
"""Keys per row of ``keys``: a page reads one or two such rows, a build writes few."""


def read_page(
    view: View, list_name: str, facet_key: str, offset: int, limit: int, ascending: bool = False
) -> Page | None:
    """A page of ``list_name`` filtered by ``facet_key``; None when the read model is not
    fresh (then the caller runs its own queries).

    ascending (bool): oldest first (default: latest first).
    """
    return readmodel.reading(
        view, lambda con: page_of(con, list_name, facet_key, offset, limit, ascending)
    )


def page_of(
    con: sqlite3.Connection,
    list_name: str,
    facet_key: str,
    offset: int,
    limit: int,
    ascending: bool,
) -> Page:
    found = con.execute(FACET, [list_name, facet_key]).fetchone()
    start, total = (int(found[0]), int(found[1])) if found else (0, 0)
    if offset >= total or limit <= 0:
        return Page(total=total, rows=[])
    first, last = start + offset, start + min(offset + limit, total) - 1
    places = keys(con, "keys_asc" if ascending else "keys", first, last)
    marks = ", ".join("?" for _ in places)
    stored = dict(con.execute(f"SELECT g, row FROM rows WHERE g IN ({marks})", places).fetchall())
    return Page(total=total, rows=[json.loads(stored[g]) for g in places])


def keys(con: sqlite3.Connection, table: str, first: int, last: int) -> list[int]:
    """The places ``g`` of the keys ``first`` to ``last`` (``keys`` or ``keys_asc``)."""
    low, high = first // KEY_CHUNK, last // KEY_CHUNK
    places = array("q")
    for (blob,) in con.execute(PLACES.format(keys=table), [low, high]):
        places.frombytes(blob)
    return places[first - low * KEY_CHUNK : last - low * KEY_CHUNK + 1].tolist()


def build(
    con: duckdb.DuckDBPyConnection, target: sqlite3.Connection, stopped: Callable[[], bool]
) -> None:
    """Compute the list pages in the store (temporary tables of ``con``) and copy them
    into the read model being built (``target``, its tables made from ``LAYOUT``);
    Interrupted between steps once ``stopped()``."""
    try:
        for sql in (RANKED, ROWS, EVENT_ROWS, FINDING_ROWS, incident_rows_sql(), MEMBERSHIPS, KEYS):
            stop_point(stopped)
            con.execute(sql).fetchall()
        copy(con, "SELECT g, row FROM _rows", target, "INSERT INTO rows VALUES (?, ?)", stopped)
        copy(con, "SELECT list, facet, start, total FROM _facet_starts", target,
             "INSERT INTO facets VALUES (?, ?, ?, ?)", stopped)  # fmt: skip
        for table, order in (("keys", "g"), ("keys_asc", "a")):
            stop_point(stopped)
            places = con.sql(f"SELECT g FROM _facets ORDER BY list, facet, {order}")
            target.executemany(
                f"INSERT INTO {table} VALUES (?, ?)", key_chunks(places.to_arrow_table())
            )
    finally:
        for name in ("_ranked", "_rows", "_facets", "_facet_starts"):
            con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()


def copy(
    con: duckdb.DuckDBPyConnection,
    query: str,
    target: sqlite3.Connection,
    insert: str,
    stopped: Callable[[], bool],
    change: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None,
) -> None:
    """The rows of ``query`` in the store (each through ``change``), inserted into the
    read model, in chunks (on ``con`` itself: its temporary tables are not seen by a
    cursor); Interrupted between chunks once ``stopped()``."""
    stop_point(stopped)
    result = con.execute(query)
    while chunk := result.fetchmany(COPY_CHUNK):
        target.executemany(insert, chunk if change is None else map(change, chunk))
        stop_point(stopped)


def key_chunks(places: pa.Table) -> Iterator[tuple[int, bytes]]:
    """``places`` (one BIGINT column, in key order) as ``KEY_CHUNK`` machine integers per
    row: the keys of a facet follow each other, the facets in ``_facet_starts`` order."""
    column = places.column(0).combine_chunks().cast(pa.int64())
    data = column.buffers()[1]
    assert data is not None and column.null_count == 0
    raw = data.to_pybytes()[column.offset * 8 : (column.offset + len(column)) * 8]
    size = KEY_CHUNK * 8
    for chunk, begin in enumerate(range(0, len(raw), size)):
        yield chunk, raw[begin : begin + size]


COPY_CHUNK = 50_000

LAYOUT = """
CREATE TABLE rows (g INTEGER PRIMARY KEY, row TEXT NOT NULL);
CREATE TABLE keys (chunk INTEGER PRIMARY KEY, places BLOB NOT NULL);
CREATE TABLE keys_asc (chunk INTEGER PRIMARY KEY, places BLOB NOT NULL);
CREATE TABLE facets (
    list TEXT NOT NULL, facet TEXT NOT NULL, start INTEGER NOT NULL, total INTEGER NOT NULL,
    PRIMARY KEY (list, facet)
) WITHOUT ROWID;
"""
"""The list pages' tables in the read model."""

ROWS = "CREATE TEMP TABLE _rows (g BIGINT NOT NULL, row VARCHAR NOT NULL)"


REJECTED_EVENTS = "SELECT id FROM reviews WHERE kind = 'event' AND status = 'rejected'"
"""The events analysts rejected: left out of the lists by default (as
``ledger.tables.REJECTED_EVENTS``, which this module cannot import: the ledger's tables
import the store; ``tests/store/test_pages.py`` checks that the two are the same)."""

RANKED = f"""
CREATE TEMP TABLE _ranked AS
WITH e AS (
    SELECT 'events' AS list, id AS key, day, sha256, ordinal, NULL::DOUBLE AS score,
        type, source_keys, target_keys, NULL::VARCHAR AS rule, NULL::BIGINT AS sources
    FROM events WHERE current AND id NOT IN ({REJECTED_EVENTS})
), f AS (
    SELECT 'findings' AS list, f.sha256 || ':f' || f.ordinal AS key, f.date AS day, f.sha256,
        f.ordinal, NULL::DOUBLE AS score, NULL, NULL, NULL, f.rule, NULL
    FROM findings f JOIN events e ON e.id = f.event JOIN articles a ON a.sha256 = f.sha256
    WHERE a.current AND f.event NOT IN ({REJECTED_EVENTS})
), i AS (
    SELECT 'incidents' AS list, id AS key, last_reported AS day, NULL, NULL, score, NULL,
        list_concat(source, target), NULL, NULL, independent_sources
    FROM incidents
), ranked AS (
    SELECT *, row_number() OVER (
            PARTITION BY list ORDER BY day DESC NULLS LAST, rule, sha256, ordinal,
            score DESC, key) AS place,
        row_number() OVER (
            PARTITION BY list ORDER BY day ASC NULLS LAST, rule, sha256, ordinal,
            score DESC, key) AS place_asc
    FROM (SELECT * FROM e UNION ALL SELECT * FROM f UNION ALL SELECT * FROM i)
)
SELECT r.*, place - 1 + o.before AS g, place_asc - 1 + o.before AS a
FROM ranked r JOIN (
    SELECT list, coalesce(sum(count(*)) OVER (
        ORDER BY list ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM ranked GROUP BY list
) o ON o.list = r.list
"""
"""Every list row with its place in its list's order (``g``: the lists one after the
other; ``a``: the same in ascending order): events by day, article and position; findings
by date, rule, article and position; incidents by their latest report, score and id (an
incident's actors are its ``source_keys``). A null date sorts last either way."""

EVENT_ROWS = """
INSERT INTO _rows
SELECT r.g, to_json({
    id: e.id, date: e.day, type: e.type, subtype: e.subtype, status: e.status,
    certainty: e.certainty, confidence: e.confidence, source: e.source_keys,
    target: e.target_keys, items: coalesce(it.items, []), evidence: coalesce(ev.text, ''),
    rules: coalesce(fr.rules, []), incident: m.incident_id,
    sources: coalesce(i.independent_sources, 1),
    article: {sha256: a.sha256, id: a.id, title: a.title, outlet: a.outlet, url: a.url,
              published: a.published},
    review: rv.status
})::VARCHAR
FROM _ranked r JOIN events e ON e.id = r.key
JOIN articles a ON a.sha256 = e.sha256
LEFT JOIN (
    SELECT event_id, list({category: category, system: system} ORDER BY ordinal) AS items
    FROM items GROUP BY event_id
) it ON it.event_id = e.id
LEFT JOIN (SELECT event_id, first(text) AS text FROM evidence WHERE ordinal = 0 GROUP BY ALL)
    ev ON ev.event_id = e.id
LEFT JOIN (SELECT event, list(rule ORDER BY sha256, ordinal) AS rules FROM findings GROUP BY ALL)
    fr ON fr.event = e.id
LEFT JOIN incident_events m ON m.event_id = e.id
LEFT JOIN incidents i ON i.id = m.incident_id
LEFT JOIN reviews rv ON rv.kind = 'event' AND rv.id = e.id
WHERE r.list = 'events'
"""
"""An event list row (``queries.models.EventRow``; actors as keys, items as category and
system, rules in the order of the findings, possibly repeated)."""

FINDING_ROWS = """
INSERT INTO _rows
SELECT r.g, to_json({
    id: r.key, rule: f.rule, regime: f.regime, instrument: f.instrument,
    provision: f.provision, in_force: f.in_force, contested: f.contested,
    explanation: f.explanation, citation: f.citation, date: f.date, event: f.event,
    evidence: f.evidence, type: e.type, status: e.status, certainty: e.certainty,
    source: e.source_keys, target: e.target_keys, incident: m.incident_id,
    sources: coalesce(i.independent_sources, 1),
    article: {sha256: a.sha256, id: a.id, title: a.title, outlet: a.outlet, url: a.url,
              published: a.published},
    review: rv.status
})::VARCHAR
FROM _ranked r JOIN findings f ON r.sha256 = f.sha256 AND r.ordinal = f.ordinal
JOIN events e ON e.id = f.event
JOIN articles a ON a.sha256 = f.sha256
LEFT JOIN incident_events m ON m.event_id = e.id
LEFT JOIN incidents i ON i.id = m.incident_id
LEFT JOIN reviews rv ON rv.kind = 'event' AND rv.id = e.id
WHERE r.list = 'findings'
"""
"""A finding list row (``queries.models.FindingRow`` less ``binding``; actors as keys)."""


def incident_rows_sql() -> str:
    """An incident list row: the stored incident's facts and its review, as
    ``fuse.models.IncidentSummary`` reads them."""
    from armswatch.fuse.models import IncidentFacts
    from armswatch.fuse.tables import INCIDENTS

    shown = tuple(
        c for c in INCIDENTS.columns if c.path and c.path[0] in IncidentFacts.model_fields
    )
    summary = struct_sql(shown, "i", {"review": "rv.status"})
    return f"""
INSERT INTO _rows
SELECT r.g, to_json({summary})::VARCHAR
FROM _ranked r JOIN incidents i ON i.id = r.key
LEFT JOIN reviews rv ON rv.kind = 'incident' AND rv.id = i.id
WHERE r.list = 'incidents'
"""


MEMBERSHIPS = f"""
CREATE TEMP TABLE _facets AS
SELECT DISTINCT list, facet, g, a FROM (
    SELECT list, '' AS facet, g, a FROM _ranked
    UNION ALL SELECT list, 'type=' || type, g, a FROM _ranked WHERE list = 'events'
    UNION ALL SELECT list, 'actor=' || unnest(list_concat(source_keys, target_keys)), g, a
        FROM _ranked WHERE list IN ('events', 'incidents')
    UNION ALL SELECT list, 'source=' || unnest(source_keys), g, a
        FROM _ranked WHERE list = 'events'
    UNION ALL SELECT list, 'target=' || unnest(target_keys), g, a
        FROM _ranked WHERE list = 'events'
    UNION ALL SELECT list, 'type=' || type || '&actor=' ||
        unnest(list_concat(source_keys, target_keys)), g, a FROM _ranked WHERE list = 'events'
    UNION ALL SELECT list, 'source=' || s || '&target=' || unnest(target_keys), g, a
        FROM (SELECT *, unnest(source_keys) AS s FROM _ranked WHERE list = 'events')
    UNION ALL SELECT list, 'type=' || type || '&source=' || s || '&target=' ||
        unnest(target_keys), g, a
        FROM (SELECT *, unnest(source_keys) AS s FROM _ranked WHERE list = 'events')
    UNION ALL SELECT list, 'actor=' || s || '&counterpart=' || unnest(target_keys), g, a
        FROM (SELECT *, unnest(source_keys) AS s FROM _ranked WHERE list = 'events')
    UNION ALL SELECT list, 'actor=' || t || '&counterpart=' || unnest(source_keys), g, a
        FROM (SELECT *, unnest(target_keys) AS t FROM _ranked WHERE list = 'events')
    UNION ALL SELECT list, 'rule=' || rule, g, a FROM _ranked WHERE list = 'findings'
    UNION ALL SELECT list, 'min_sources=' ||
        unnest(generate_series(1, least(sources, {MAX_SOURCES_FACET}))), g, a
        FROM _ranked WHERE list = 'incidents' AND sources >= 1
)
"""
"""Each list row's facets (``FACETS``), once each."""

KEYS = """
CREATE TEMP TABLE _facet_starts AS
SELECT list, facet, coalesce(sum(total) OVER (
    ORDER BY list, facet ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start, total
FROM (SELECT list, facet, count(*) AS total FROM _facets GROUP BY ALL);
"""
"""Where each facet's keys start (facets one after the other, by list and name) and how
many it has; its keys are its rows' places ``g`` in order (``key_chunks``)."""
