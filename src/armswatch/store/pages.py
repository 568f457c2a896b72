"""List pages from pre-sorted read tables: a page of 50 in two small lookups, not a scan.

The event, finding and incident lists sort a million rows by date for every page they
show. The page tables (``store.page_tables``) keep those lists already sorted and
denormalised, for the filters analysts use most (``FACETS``): each list row once, as the
JSON of what the list shows (``page_rows``, by its place ``g`` in the list's order), and
for each facet (``type=meeting``, ``actor=PRK``, ``rule=un.dprk.arms_export`` …) the
row's place in that facet (``page_keys``: ``k`` counted from the facet's ``start`` in
``page_facets``). A page is the keys ``start + offset`` to ``start + offset + limit``,
then their rows by index.

They are derived data, rebuilt whole by the writer when it closes the store and the
tables they come from changed (``refresh_pages``, one transaction, so no reader sees a
half-built one). ``Store.open`` marks them stale first, so while a writer holds the store,
and after one that crashed, ``read_page`` answers None and the lists run their own
queries (``armswatch.queries``): the answer is the same either way, only slower.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb

from armswatch.store.page_tables import TABLES
from armswatch.store.records import utc_now
from armswatch.store.sql import rows_by_values, rows_of, scalar

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


FACET = "SELECT start, total FROM page_facets WHERE list = ? AND facet = ?"


def read_page(
    view: View, list_name: str, facet_key: str, offset: int, limit: int, ascending: bool = False
) -> Page | None:
    """A page of ``list_name`` filtered by ``facet_key``; None when the page tables are
    not fresh (then the caller runs its own queries).

    ascending (bool): oldest first (default: latest first).
    """
    if not fresh(view):
        return None
    found = view.remembered(
        FACET, (list_name, facet_key), lambda: rows_of(view.con, FACET, [list_name, facet_key])
    )
    start, total = (found[0]["start"], found[0]["total"]) if found else (0, 0)
    if offset >= total or limit <= 0:
        return Page(total=total, rows=[])
    first, last = start + offset, start + min(offset + limit, total) - 1
    column = "k_asc" if ascending else "k"
    places = [
        row[0]
        for row in view.con.execute(
            f"SELECT g FROM page_keys WHERE {column} BETWEEN ? AND ? ORDER BY {column}",
            [first, last],
        ).fetchall()
    ]
    rows = rows_by_values(view.con, "SELECT g, row FROM page_rows WHERE g = ANY(?)", places)
    stored = {row["g"]: row["row"] for row in rows}
    return Page(total=total, rows=[json.loads(stored[g]) for g in places])


def fresh(view: View) -> bool:
    """Whether the store has page tables that show it as it is (kept per store state)."""
    if "page_state" not in view.tables():
        return False
    query = "SELECT bool_and(fresh) FROM page_state"
    return bool(view.remembered(query, (), lambda: scalar(view.con, query)))


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Readers must not use the page tables until ``refresh_pages`` (a writer opened the
    store: whatever it writes is not in them)."""
    con.execute("UPDATE page_state SET fresh = false WHERE fresh").fetchall()


def refresh_pages(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the page tables if the tables they come from changed since they were built
    (else only mark them fresh again); one transaction. RETURNS whether it rebuilt them."""
    fingerprint = source_fingerprint(con)
    con.begin()
    try:
        stored = scalar(con, "SELECT fingerprint FROM page_state")
        if stored != fingerprint:
            build(con)
        con.execute(
            "UPDATE page_state SET fresh = true, fingerprint = ?, built_at = ?",
            [fingerprint, utc_now()],
        ).fetchall()
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return bool(stored != fingerprint)


SOURCES: dict[str, str] = {
    "events": "id, sha256, ordinal, current, type, subtype, status, certainty, confidence, "
    "day, source_keys, target_keys",
    "items": "event_id, ordinal, category, system",
    "evidence": "event_id, ordinal, text",
    "findings": "sha256, ordinal, rule, regime, instrument, provision, event, in_force, "
    "explanation, citation, date, contested, evidence",
    "articles": "sha256, current, id, title, outlet, url, published",
    "incidents": "incidents",
    "incident_events": "event_id, incident_id",
    "reviews": "id, kind, status",
}
"""The tables (and columns) the page rows are made of: what ``source_fingerprint`` hashes."""


def source_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of what the page tables show: per source table its row count and the
    sum of its rows' hashes (any insert, update or delete changes it)."""
    parts = [
        f"(SELECT count(*) || '.' || coalesce(sum(hash({columns})::HUGEINT), 0) FROM {table})"
        for table, columns in SOURCES.items()
    ]
    return str(scalar(con, f"SELECT concat_ws(':', {', '.join(parts)})"))


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the page tables from the store (inside the caller's transaction). Rows are
    read by index (``g``), so they are inserted in any order; keys are sorted (``k``)."""
    for table in TABLES[:3]:
        con.execute(f"DROP TABLE {table.name}").fetchall()
        con.execute(table.ddl()).fetchall()
    for sql in (RANKED, EVENT_ROWS, FINDING_ROWS, INCIDENT_ROWS, MEMBERSHIPS, KEYS):
        con.execute(sql).fetchall()
    for table in TABLES[:3]:
        for ddl in table.index_ddl():
            con.execute(ddl).fetchall()
    for name in ("_ranked", "_facets"):
        con.execute(f"DROP TABLE {name}").fetchall()


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
INSERT INTO page_rows
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
INSERT INTO page_rows
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

INCIDENT_ROWS = """
INSERT INTO page_rows
SELECT r.g, to_json({incident: to_json(i), review: rv.status})::VARCHAR
FROM _ranked r JOIN incidents i ON i.id = r.key
LEFT JOIN reviews rv ON rv.kind = 'incident' AND rv.id = i.id
WHERE r.list = 'incidents'
"""
"""An incident list row: the stored incident (``fuse.models.IncidentRow``) and its review."""

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
INSERT INTO page_facets
SELECT list, facet, coalesce(sum(total) OVER (
    ORDER BY list, facet ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), total
FROM (SELECT list, facet, count(*) AS total FROM _facets GROUP BY ALL);

INSERT INTO page_keys
SELECT p.start + row_number() OVER (PARTITION BY f.list, f.facet ORDER BY f.g) - 1,
    p.start + row_number() OVER (PARTITION BY f.list, f.facet ORDER BY f.a) - 1, f.g
FROM _facets f JOIN page_facets p ON p.list = f.list AND p.facet = f.facet
ORDER BY 1;
"""
"""Each facet's place in ``page_keys`` (facets one after the other) and its rows' keys."""
