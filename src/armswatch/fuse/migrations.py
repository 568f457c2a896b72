"""The migration steps of the fusion tables (``fuse/tables.py``), frozen SQL: never edit a
released step; append one (``store.registry`` collects every package's steps).
"""

from __future__ import annotations

from armswatch.store.migrations import Migration

INCIDENTS = """
CREATE TABLE incidents (
    "id" VARCHAR NOT NULL,
    "type" VARCHAR NOT NULL,
    "title" VARCHAR NOT NULL,
    "dyad" VARCHAR NOT NULL,
    "source" VARCHAR[] NOT NULL,
    "target" VARCHAR[] NOT NULL,
    "symmetric" BOOLEAN NOT NULL,
    "items" STRUCT(
        "category" VARCHAR, "systems" VARCHAR[], "quantity_min" DOUBLE, "quantity_max" DOUBLE,
        "quantities" VARCHAR[]
    )[] NOT NULL,
    "first_reported" VARCHAR,
    "last_reported" VARCHAR,
    "time_start" VARCHAR,
    "time_end" VARCHAR,
    "progression" STRUCT("status" VARCHAR, "since" VARCHAR)[] NOT NULL,
    "conflicts" VARCHAR[] NOT NULL,
    "event_ids" VARCHAR[] NOT NULL,
    "articles" BIGINT NOT NULL,
    "independent_sources" BIGINT NOT NULL,
    "sources" VARCHAR[] NOT NULL,
    "denied_by" VARCHAR[] NOT NULL,
    "rules" VARCHAR[] NOT NULL,
    "score" DOUBLE NOT NULL,
    "reasons" STRUCT("weight" DOUBLE, "text" VARCHAR)[] NOT NULL,
    "block" VARCHAR NOT NULL,
    "categories" VARCHAR[] NOT NULL,
    "systems" VARCHAR[] NOT NULL,
    "statuses" VARCHAR[] NOT NULL,
    "first_key" VARCHAR NOT NULL
);

CREATE TABLE incident_events (
    "incident_id" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    "block" VARCHAR NOT NULL,
    "sort_key" VARCHAR NOT NULL,
    "reason" VARCHAR NOT NULL
);

CREATE TABLE claims (
    "incident_id" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    "article_id" VARCHAR NOT NULL,
    "outlet" VARCHAR,
    "published" VARCHAR,
    "cluster" VARCHAR,
    "copy_of" VARCHAR,
    "source_key" VARCHAR NOT NULL,
    "source_name" VARCHAR NOT NULL,
    "source_kind" VARCHAR,
    "source_class" VARCHAR NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "via" VARCHAR,
    "origin" VARCHAR NOT NULL,
    "attribution" VARCHAR,
    "stance" VARCHAR NOT NULL,
    "status" VARCHAR NOT NULL,
    "certainty" VARCHAR NOT NULL,
    "counted_as" VARCHAR,
    "note" VARCHAR
);
"""
"""Step 2: the cross-article incident tables of ``armswatch.fuse`` (``fuse/tables.py``)."""

MIGRATIONS: tuple[Migration, ...] = (Migration(2, "incidents", INCIDENTS),)
