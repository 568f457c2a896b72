"""The watch tables, derived from the models like the store's: ``sources``, ``source_items``,
``alerts``. Their DDL is frozen in migration step 6
(``watch/migrations.py``, applied by the store: ``store.registry``);
``tests/watch/test_watch_tables.py`` keeps the two equal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import duckdb
from pydantic import BaseModel, Field

from armswatch.store.columns import flatten, nest
from armswatch.store.sql import rows_of
from armswatch.store.tables import Table
from armswatch.watch.migrations import MIGRATIONS as MIGRATIONS

SourceKind = Literal["feed", "sitemap", "page", "folder"]
SOURCE_KINDS: tuple[str, ...] = ("feed", "sitemap", "page", "folder")


class Source(BaseModel):
    """A watched source and its health."""

    url: str = Field(description="The feed, sitemap, page or folder; rewritten on 301/308.")
    name: str | None = None
    kind: str = Field(description="feed, sitemap, page or folder.")
    added_at: datetime
    etag: str | None = Field(default=None, description="Validators of the last 200 response.")
    last_modified: str | None = None
    last_fetch: datetime | None = None
    last_status: str | None = Field(
        default=None, description="ok, not modified, HTTP 429 …, or error."
    )
    last_error: str | None = None
    new_items: int = Field(default=0, description="Articles new or changed at the last fetch.")
    errors: int = Field(default=0, description="Failed fetches in a row.")
    next_due: datetime | None = Field(default=None, description="Not fetched before this.")
    paused: bool = Field(default=False, description="True after a 410 Gone (or by hand).")
    title: str | None = Field(default=None, description="The feed's own title.")


class SourceItem(BaseModel):
    """An article a source listed: what was fetched, so it is fetched again only if changed."""

    source: str
    url: str = Field(description="The link as listed.")
    stamp: str | None = Field(
        default=None, description="The listing's updated/published value when fetched."
    )
    canonical: str | None = None
    sha256: str | None = Field(default=None, description="The text stored for it, if any.")
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    status: str | None = Field(default=None, description="ok, not modified, or the error.")


class AlertRecord(BaseModel):
    """One alert: what matched, for whom (channel), and whether it was delivered."""

    key: str = Field(description="watch rule | finding rule | incident (else the event's dyad).")
    doc_key: str = Field(description="watch rule | finding rule | article id | event type.")
    watch_rule: str
    channel: str = Field(description="The channel URL with its secrets masked.")
    rule: str | None = Field(default=None, description="The finding's rule, if a finding.")
    incident: str | None = None
    event: str
    sha256: str
    title: str
    body: str = Field(description="The alert as JSON (what was sent).")
    created_at: datetime
    sent_at: datetime | None = None
    attempts: int = 0
    error: str | None = Field(default=None, description="The last delivery error, if any.")


SOURCES = Table("sources", Source, "Watched sources and their health.", identity=("url",))
SOURCE_ITEMS = Table("source_items", SourceItem, "What each source listed and was fetched.")
ALERTS = Table("alerts", AlertRecord, "Alerts: made once per rule and match, sent per channel.")
WATCH_TABLES: tuple[Table, ...] = (SOURCES, SOURCE_ITEMS, ALERTS)
TABLES = WATCH_TABLES
"""What this package declares to the store (``store.registry``), with ``MIGRATIONS``."""


def render_watch_schema() -> str:
    """The DDL of the watch tables (what migration step 6 froze)."""
    return "\n\n".join(table.ddl() for table in WATCH_TABLES) + "\n"


def insert_row(con: duckdb.DuckDBPyConnection, table: Table, record: BaseModel) -> None:
    """Insert one record into a watch table."""
    row = flatten(record, table.columns)
    names = list(row)
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    con.execute(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", list(row.values()))


def select(
    con: duckdb.DuckDBPyConnection, table: Table, condition: str = "TRUE", params: Any = ()
) -> list[dict[str, Any]]:
    """Rows of a watch table as nested dicts, ready for ``model_validate``."""
    query = f"SELECT * FROM {table.name} WHERE {condition}"
    return [nest(row, table.columns) for row in rows_of(con, query, list(params))]
