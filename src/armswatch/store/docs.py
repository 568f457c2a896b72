"""Events and incidents in the read model: what their pages show, one lookup each.

An event's page needs the event with its actors, items, evidence and attributions (five
tables), its findings, its incident and its article's reference; an incident's page its
row, its claims, its review and its events. In the store each is a lookup by key, about
3 ms each; in the read model (``store.readmodel``) one row holds them all:

- ``events``: per event id, the event as ``StoredEvent`` JSON, its findings (id and
  ``StoredFinding`` JSON, in article and position order), its incident and that
  incident's independent sources, and its article's reference (``ArticleRef`` fields);
- ``incidents``: per incident id, the stored incident (``IncidentRow`` JSON), its claims
  in stored order, and its review status.

The JSON is made in SQL from the same column list that made the tables
(``columns.struct_sql``), so it is the record ``store.assemble`` would build from the
rows; ``tests/store/test_read_model.py`` checks the pages are the same either way.

- ``articles``: per sha256, the article as ``StoredArticle`` JSON, compressed (the event
  and incident pages mark their evidence inside the article's text).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from armswatch.fuse.models import Claim, IncidentRow
from armswatch.fuse.tables import CLAIMS, INCIDENTS
from armswatch.store.columns import struct_sql
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding
from armswatch.store.tables import TABLE

LAYOUT = """
CREATE TABLE events (
    id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, findings TEXT NOT NULL, incident TEXT,
    sources INTEGER, article TEXT NOT NULL
);
CREATE TABLE incidents (
    id TEXT NOT NULL UNIQUE, row TEXT NOT NULL, claims TEXT NOT NULL, review TEXT
);
CREATE TABLE articles (sha256 TEXT NOT NULL UNIQUE, doc BLOB NOT NULL);
"""
"""The events', incidents' and articles' tables in the read model (rows of a few
kilobytes: tables with a rowid keep them compactly, ``WITHOUT ROWID`` ones do not)."""


def part(table: str, extra: dict[str, str] | None = None) -> str:
    """The struct of a row of an event's part table (alias ``p``)."""
    return struct_sql(TABLE[table].columns, "p", extra)


def in_order(value: str, order: str, condition: str | None = None) -> str:
    """The SQL of a list of ``value`` aggregated in ``order`` (of the rows that meet
    ``condition``): sorted after aggregating, since an aggregate's own ``ORDER BY`` costs
    DuckDB four times as much."""
    where = f" FILTER (WHERE {condition})" if condition else ""
    pairs = f"list({{'o': {order}, 'v': {value}}}){where}"
    return f"list_transform(list_sort({pairs}), lambda x: x.v)"


def grouped(table: str) -> str:
    """Per event, its rows of an event's part table, in order."""
    parts = in_order(part(table), "p.ordinal")
    return f"SELECT event_id, {parts} AS parts FROM {table} p GROUP BY ALL"


def event_docs_sql() -> str:
    """Each event's row of the read model (as ``store.assemble.assemble_event`` builds
    the event, ``queries.common.keyed_findings`` its findings)."""
    actor = part("actors")
    parts = {
        "source": "coalesce(ac.source, [])",
        "target": "coalesce(ac.target, [])",
        "items": "coalesce(it.parts, [])",
        "evidence": "coalesce(ev.parts, [])",
        "attribution": "coalesce(att.parts, [])",
        "sha256": "e.sha256",
    }
    finding = struct_sql(TABLE["findings"].columns, "p", {"sha256": "p.sha256"})
    keyed = f"{{'key': p.sha256 || ':f' || p.ordinal, 'finding': {finding}}}"
    return f"""
SELECT e.id, to_json({struct_sql(TABLE["events"].columns, "e", parts)})::VARCHAR AS doc,
    coalesce(fi.findings, '[]') AS findings, m.incident_id, i.independent_sources,
    to_json({{'sha256': a.sha256, 'id': a.id, 'title': a.title, 'outlet': a.outlet,
              'url': a.url, 'published': a.published}})::VARCHAR AS article
FROM events e JOIN articles a ON a.sha256 = e.sha256
LEFT JOIN (
    SELECT event_id, {in_order(actor, "p.ordinal", "p.role = 'source'")} AS source,
        {in_order(actor, "p.ordinal", "p.role = 'target'")} AS target
    FROM actors p GROUP BY ALL
) ac ON ac.event_id = e.id
LEFT JOIN ({grouped("items")}) it ON it.event_id = e.id
LEFT JOIN ({grouped("evidence")}) ev ON ev.event_id = e.id
LEFT JOIN ({grouped("attributions")}) att ON att.event_id = e.id
LEFT JOIN (
    SELECT p.event, to_json({in_order(keyed, "[p.sha256, p.ordinal::VARCHAR]")})::VARCHAR
        AS findings
    FROM findings p GROUP BY ALL
) fi ON fi.event = e.id
LEFT JOIN incident_events m ON m.event_id = e.id
LEFT JOIN incidents i ON i.id = m.incident_id
"""


def incident_docs_sql() -> str:
    """Each incident's row of the read model (as ``fuse.read.get_incident`` reads it)."""
    claim = struct_sql(CLAIMS.columns, "c")
    return f"""
SELECT i.id, to_json({struct_sql(INCIDENTS.columns, "i")})::VARCHAR AS row,
    coalesce(cl.claims, '[]') AS claims, rv.status AS review
FROM incidents i
LEFT JOIN (
    SELECT incident_id, to_json({in_order(claim, "c.rowid")})::VARCHAR AS claims
    FROM claims c GROUP BY ALL
) cl ON cl.incident_id = i.id
LEFT JOIN reviews rv ON rv.kind = 'incident' AND rv.id = i.id
"""


def build(
    con: duckdb.DuckDBPyConnection, target: sqlite3.Connection, stopped: Callable[[], bool]
) -> None:
    """Copy the events' and incidents' rows into the read model being built (its tables
    made from ``LAYOUT``); Interrupted between chunks once ``stopped()``."""
    from armswatch.store.pages import copy

    events = "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?)"
    copy(con, event_docs_sql(), target, events, stopped)
    incidents = "INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?)"
    copy(con, incident_docs_sql(), target, incidents, stopped)
    article = f"to_json({struct_sql(TABLE['articles'].columns, 'a')})::VARCHAR"
    copy(
        con,
        f"SELECT a.sha256, {article} FROM articles a",
        target,
        "INSERT OR REPLACE INTO articles VALUES (?, ?)",
        stopped,
        compressed,
    )


def compressed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An article row with its JSON compressed (article texts are most of a store)."""
    return row[0], zlib.compress(row[1].encode("utf-8"), 1)


def articles(con: sqlite3.Connection, shas: Sequence[str]) -> dict[str, StoredArticle]:
    """The read model's articles with these sha256s (unknown ones are absent)."""
    return {
        sha: StoredArticle.model_validate_json(zlib.decompress(doc))
        for sha, doc in rows_by_keys(con, "SELECT sha256, doc FROM articles", "sha256", shas)
    }


def rows_by_keys(
    con: sqlite3.Connection, select: str, column: str, keys: Sequence[str]
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``select`` whose ``column`` is one of ``keys`` (each key once, asked
    ``CHUNK`` at a time)."""
    wanted = list(dict.fromkeys(keys))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        yield from con.execute(f"{select} WHERE {column} IN ({marks})", chunk)


@dataclass(frozen=True)
class EventDoc:
    """An event as its page needs it (see the module)."""

    event: StoredEvent
    findings: dict[str, StoredFinding]
    incident: str | None
    sources: int | None
    article: dict[str, Any]


def event_docs(con: sqlite3.Connection, ids: Sequence[str]) -> dict[str, EventDoc]:
    """The read model's rows of these events, by id (unknown ids are absent)."""
    select = f"SELECT {EVENT_COLUMNS} FROM events"
    return {row[0]: event_doc(*row[1:]) for row in rows_by_keys(con, select, "id", ids)}


def event_doc(
    doc: str, findings: str, incident: str | None, sources: int | None, article: str
) -> EventDoc:
    return EventDoc(
        event=StoredEvent.model_validate_json(doc),
        findings={
            pair["key"]: StoredFinding.model_validate(pair["finding"])
            for pair in json.loads(findings)
        },
        incident=incident,
        sources=sources,
        article=json.loads(article),
    )


EVENT_COLUMNS = "id, doc, findings, incident, sources, article"
CHUNK = 500
"""Ids per query (SQLite allows 32,766 parameters)."""


@dataclass(frozen=True)
class IncidentDoc:
    """An incident as its page needs it (see the module)."""

    row: IncidentRow
    claims: list[Claim]
    review: str | None


def incident_doc(con: sqlite3.Connection, incident_id: str) -> IncidentDoc | None:
    """The read model's row of this incident, or None when there is none."""
    found = con.execute(
        "SELECT row, claims, review FROM incidents WHERE id = ?", [incident_id]
    ).fetchone()
    if found is None:
        return None
    row, claims, review = found
    return IncidentDoc(
        row=IncidentRow.model_validate_json(row),
        claims=[Claim.model_validate(claim) for claim in json.loads(claims)],
        review=review,
    )
