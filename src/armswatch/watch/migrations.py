"""The migration steps of the watch tables (``watch/tables.py``), frozen SQL: never edit a
released step; append one (``store.registry`` collects every package's steps).
"""

from __future__ import annotations

from armswatch.store.migrations import Migration

WATCH = """
CREATE TABLE sources (
    "url" VARCHAR NOT NULL,
    "name" VARCHAR,
    "kind" VARCHAR NOT NULL,
    "added_at" TIMESTAMP NOT NULL,
    "etag" VARCHAR,
    "last_modified" VARCHAR,
    "last_fetch" TIMESTAMP,
    "last_status" VARCHAR,
    "last_error" VARCHAR,
    "new_items" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "next_due" TIMESTAMP,
    "paused" BOOLEAN NOT NULL,
    "title" VARCHAR
);

CREATE TABLE source_items (
    "source" VARCHAR NOT NULL,
    "url" VARCHAR NOT NULL,
    "stamp" VARCHAR,
    "canonical" VARCHAR,
    "sha256" VARCHAR,
    "etag" VARCHAR,
    "last_modified" VARCHAR,
    "fetched_at" TIMESTAMP,
    "status" VARCHAR
);

CREATE TABLE alerts (
    "key" VARCHAR NOT NULL,
    "doc_key" VARCHAR NOT NULL,
    "watch_rule" VARCHAR NOT NULL,
    "channel" VARCHAR NOT NULL,
    "rule" VARCHAR,
    "incident" VARCHAR,
    "event" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    "title" VARCHAR NOT NULL,
    "body" VARCHAR NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "attempts" BIGINT NOT NULL,
    "error" VARCHAR
);
"""
"""Step 6: the tables of ``armswatch watch`` (``watch/tables.py``): watched sources and their
health, what each source listed, and the alerts made and sent."""

MIGRATIONS: tuple[Migration, ...] = (Migration(6, "watch sources and alerts", WATCH),)
