"""The list pages' read tables, declared to the store (``store.registry``).

They are a pre-sorted, denormalised copy of what the event, finding and incident lists
show (``store.pages`` builds and reads them); nothing else reads them, and they hold
nothing that is not derived from the other tables. Their DDL is frozen in migration
step 9 below; ``tests/store/test_schema.py`` keeps the two equal.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from armswatch.store.migrations import Migration
from armswatch.store.tables import Table


class PageRow(BaseModel):
    """One row of a list, as the list shows it (JSON), at its place in its list's order."""

    g: int = Field(description="Place in its list's default order (lists do not overlap).")
    row: str = Field(description="The row's fields as JSON (``store.pages``).")


class PageKey(BaseModel):
    """A row's place in one filter of its list (a facet): ``k`` in the default order,
    ``k_asc`` in the ascending one, both counted from the facet's ``start``."""

    k: int
    k_asc: int
    g: int


class PageFacet(BaseModel):
    """One filter of a list (``type=meeting``, ``rule=eu.rus.arms``, ``''`` for none):
    where its keys start and how many rows match."""

    list: str
    facet: str
    start: int
    total: int


class PageState(BaseModel):
    """Whether the page tables show the store as it is (``fresh``), and the fingerprint of
    the tables they were built from."""

    fresh: bool
    fingerprint: str | None = None
    built_at: datetime | None = None


PAGE_ROWS = Table("page_rows", PageRow, "List rows, pre-sorted and denormalised.", lookups=("g",))
PAGE_KEYS = Table("page_keys", PageKey, "Each list row's place in each facet of its list.")
PAGE_FACETS = Table("page_facets", PageFacet, "The facets of each list: start and total.")
PAGE_STATE = Table("page_state", PageState, "Whether the page tables are fresh.")
TABLES: tuple[Table, ...] = (PAGE_ROWS, PAGE_KEYS, PAGE_FACETS, PAGE_STATE)

PAGES = """
CREATE TABLE page_rows (
    "g" BIGINT NOT NULL,
    "row" VARCHAR NOT NULL
);

CREATE TABLE page_keys (
    "k" BIGINT NOT NULL,
    "k_asc" BIGINT NOT NULL,
    "g" BIGINT NOT NULL
);

CREATE TABLE page_facets (
    "list" VARCHAR NOT NULL,
    "facet" VARCHAR NOT NULL,
    "start" BIGINT NOT NULL,
    "total" BIGINT NOT NULL
);

CREATE TABLE page_state (
    "fresh" BOOLEAN NOT NULL,
    "fingerprint" VARCHAR,
    "built_at" TIMESTAMP
);

CREATE INDEX page_rows_g ON page_rows ("g");

INSERT INTO page_state VALUES (false, NULL, NULL);
"""
"""Step 9: the list pages' read tables, empty and not fresh (the next writer that closes
the store builds them: ``store.pages.refresh_pages``)."""

MIGRATIONS: tuple[Migration, ...] = (Migration(9, "list page tables", PAGES),)
