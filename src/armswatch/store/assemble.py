"""Rows back into records: articles, events (with their parts) and findings.

The inverse of ``analysis_to_rows``, by the same column list (``columns.nest``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from armswatch.store.columns import nest
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding
from armswatch.store.sql import Row, rows_by_values, rows_of
from armswatch.store.tables import TABLE

Filter = tuple[str, Any]
"""A SQL condition and the value of each of its ``?``; skipped when the value is None."""

PARTS = {"items": "items", "evidence": "evidence", "attribution": "attributions"}


def where(filters: Sequence[Filter]) -> tuple[str, list[Any]]:
    """The ``WHERE`` text and parameters of the filters that have a value."""
    used = [(sql, value) for sql, value in filters if value is not None]
    text = " AND ".join(sql for sql, _ in used) or "TRUE"
    return text, [value for sql, value in used for _ in range(sql.count("?"))]


def load_articles(
    con: duckdb.DuckDBPyConnection,
    condition: str,
    params: list[Any],
    limit: int,
    offset: int,
    order: str = "a.published DESC NULLS LAST, a.sha256",
) -> list[StoredArticle]:
    rows = rows_of(
        con,
        f"SELECT a.* FROM articles a WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [StoredArticle.model_validate(nest(row, TABLE["articles"].columns)) for row in rows]


def load_findings(
    con: duckdb.DuckDBPyConnection, condition: str, params: list[Any], limit: int, offset: int
) -> list[StoredFinding]:
    rows = rows_of(
        con,
        f"SELECT f.* FROM findings f JOIN articles a USING (sha256) WHERE {condition} "
        "ORDER BY a.published DESC NULLS LAST, f.sha256, f.ordinal LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    columns = TABLE["findings"].columns
    return [StoredFinding.model_validate({**nest(r, columns), "sha256": r["sha256"]}) for r in rows]


def load_events(
    con: duckdb.DuckDBPyConnection, condition: str, params: list[Any], limit: int, offset: int
) -> list[StoredEvent]:
    """Events with their actors, items, evidence and attributions (one query per part)."""
    rows = rows_of(
        con,
        f"SELECT e.* FROM events e JOIN articles a USING (sha256) WHERE {condition} "
        "ORDER BY a.published DESC NULLS LAST, e.sha256, e.ordinal LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return with_parts(con, rows)


def load_events_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[StoredEvent]:
    """The events with these ids (whatever their article's version), in no set order."""
    if not ids:
        return []
    return with_parts(con, rows_by_values(con, "SELECT * FROM events WHERE id = ANY(?)", ids))


def with_parts(con: duckdb.DuckDBPyConnection, rows: list[Row]) -> list[StoredEvent]:
    """Event rows assembled with their actors, items, evidence and attributions."""
    ids = [row["id"] for row in rows]
    parts = {table: parts_of(con, table, ids) for table in ("actors", *PARTS.values())}
    return [assemble_event(row, parts) for row in rows]


def parts_of(con: duckdb.DuckDBPyConnection, table: str, ids: list[str]) -> dict[str, list[Row]]:
    """The rows of a child table for these events, grouped by event, in order (the
    ``event_id`` index finds them)."""
    grouped: dict[str, list[Row]] = {}
    if ids:
        query = f"SELECT * FROM {table} WHERE event_id = ANY(?) ORDER BY ordinal"
        for row in rows_by_values(con, query, ids):
            grouped.setdefault(row["event_id"], []).append(row)
    return grouped


def assemble_event(row: Row, parts: dict[str, dict[str, list[Row]]]) -> StoredEvent:
    data = nest(row, TABLE["events"].columns)
    actors = parts["actors"].get(row["id"], [])
    for role in ("source", "target"):
        data[role] = [nest(a, TABLE["actors"].columns) for a in actors if a["role"] == role]
    for field, table in PARTS.items():
        data[field] = [nest(r, TABLE[table].columns) for r in parts[table].get(row["id"], [])]
    return StoredEvent.model_validate({**data, "sha256": row["sha256"]})
