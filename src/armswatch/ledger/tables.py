"""The ledger's tables, declared to the store (``store.registry``): ``history``, ``reviews``.

Their DDL is frozen in migration step 8 below; ``tests/store/test_schema.py`` keeps the
two equal.
"""

from __future__ import annotations

from armswatch.ledger.models import Change, Review
from armswatch.store.migrations import Migration
from armswatch.store.tables import Table

HISTORY = Table(
    "history", Change, "Changes to events, findings, incidents, reviews.", lookups=("subject",)
)
REVIEWS = Table("reviews", Review, "Analysts' reviews: one per subject.", identity=("id",))
TABLES: tuple[Table, ...] = (HISTORY, REVIEWS)
REJECTED_EVENTS = "SELECT id FROM reviews WHERE kind = 'event' AND status = 'rejected'"
"""The ids of the events analysts rejected (a subquery for ``NOT IN``): they are left out
of incidents (``fuse.update``)."""

LEDGER = """
CREATE TABLE history (
    "subject" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL,
    "change" VARCHAR NOT NULL,
    "fields" VARCHAR[] NOT NULL,
    "before" VARCHAR,
    "after" VARCHAR,
    "at" TIMESTAMP NOT NULL,
    "fingerprint" VARCHAR,
    "run_id" VARCHAR,
    "sha256" VARCHAR
);

CREATE TABLE reviews (
    "id" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL,
    "status" VARCHAR NOT NULL,
    "note" VARCHAR,
    "by" VARCHAR,
    "at" TIMESTAMP NOT NULL,
    "recheck" BOOLEAN NOT NULL,
    "recheck_reason" VARCHAR
);

CREATE INDEX history_subject ON history ("subject");
"""
"""Step 8: the history of changes and the analysts' reviews."""

MIGRATIONS: tuple[Migration, ...] = (Migration(8, "history and reviews", LEDGER),)
