"""The read model's state in the store, declared to the store (``store.registry``).

Step 9 made the list pages' read tables in the store; step 10 moved them to the read model,
a SQLite file beside the store (``store.readmodel``). What stays is ``page_state``: whether
the read model shows the store as it is, and the fingerprint of the tables it was built
from. Its DDL is frozen in migration step 9 below; ``tests/store/test_schema.py`` keeps
the two equal.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from armswatch.store.migrations import Migration
from armswatch.store.tables import Table


class PageState(BaseModel):
    """Whether the page tables show the store as it is (``fresh``), and the fingerprint of
    the tables they were built from."""

    fresh: bool
    fingerprint: str | None = None
    built_at: datetime | None = None


PAGE_STATE = Table("page_state", PageState, "Whether the page tables are fresh.")
TABLES: tuple[Table, ...] = (PAGE_STATE,)
"""Only ``page_state`` is still in the store: the pages themselves moved to the read
model (``store.readmodel``, a SQLite file beside the store) in step 10."""

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

READ_MODEL = """
DROP TABLE page_rows;
DROP TABLE page_keys;
DROP TABLE page_facets;
UPDATE page_state SET fresh = false, fingerprint = NULL;
"""
"""Step 10: the list pages leave the store for the read model (``store.readmodel``): a
lookup by key costs DuckDB about 3 ms, SQLite 0.02 ms. ``page_state`` stays, and says
whether the read model beside the store shows it as it is."""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(9, "list page tables", PAGES),
    Migration(10, "list pages in the read model", READ_MODEL),
)
