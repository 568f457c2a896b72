"""The fusion tables, derived from the models like the store's: ``incidents``,
``incident_events``, ``claims``. Their DDL is frozen in migration step 2
(``fuse/migrations.py``, applied by the store: ``store.registry``);
``tests/fuse/test_fuse_tables.py`` keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa
from pydantic import BaseModel

from armswatch.fuse.migrations import MIGRATIONS as MIGRATIONS
from armswatch.fuse.models import Claim, IncidentEvent, IncidentRow
from armswatch.store.columns import flatten, nest
from armswatch.store.sql import registered, rows_of
from armswatch.store.tables import Table

INCIDENTS = Table(
    "incidents",
    IncidentRow,
    "Incidents: one real-world fact.",
    identity=("id",),
    lookups=("id", "block"),
)
INCIDENT_EVENTS = Table(
    "incident_events",
    IncidentEvent,
    "Which incident each event is in.",
    identity=("event_id",),
    lookups=("event_id", "incident_id"),
)
CLAIMS = Table("claims", Claim, "Claims: article → outlet → source.", lookups=("incident_id",))
FUSE_TABLES: tuple[Table, ...] = (INCIDENTS, INCIDENT_EVENTS, CLAIMS)
TABLES = FUSE_TABLES
"""What this package declares to the store (``store.registry``), with ``MIGRATIONS``."""


def render_fuse_schema() -> str:
    """The DDL of the fusion tables (what migration step 2 froze)."""
    return "\n\n".join(table.ddl() for table in FUSE_TABLES) + "\n"


def insert(con: duckdb.DuckDBPyConnection, table: Table, records: Sequence[BaseModel]) -> None:
    """Insert records into one of the fusion tables."""
    if not records:
        return
    rows = [flatten(record, table.columns) for record in records]
    data = pa.Table.from_pylist(rows, schema=table.arrow_schema)
    with registered(con, "_fuse_rows", data):
        con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM _fuse_rows").fetchall()


def delete_incidents(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> None:
    """Remove incidents with their event links and claims."""
    if not ids:
        return
    for table, column in (("claims", "incident_id"), ("incident_events", "incident_id")):
        query = f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))"
        con.execute(query, [list(ids)]).fetchall()
    con.execute("DELETE FROM incidents WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()


def load_rows(
    con: duckdb.DuckDBPyConnection, table: Table, condition: str, params: Sequence[Any]
) -> list[dict[str, Any]]:
    """Rows of a fusion table as nested dicts, ready for ``model_validate``."""
    query = f"SELECT * FROM {table.name} WHERE {condition}"
    return [nest(row, table.columns) for row in rows_of(con, query, params)]


def load_incidents(
    con: duckdb.DuckDBPyConnection, condition: str, params: Sequence[Any]
) -> list[IncidentRow]:
    return [IncidentRow.model_validate(r) for r in load_rows(con, INCIDENTS, condition, params)]
