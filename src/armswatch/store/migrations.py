"""Schema migrations: ordered, numbered steps of frozen SQL, applied on open.

Each step runs in its own transaction together with its row in ``schema_migrations``,
so a database is always at one known version. Never edit a step once released: change
the models, then append a step (``armswatch.store.schema.schema_diff`` prints the
``ALTER TABLE`` statements that bring the last step in line with the models).

These are the store's own steps (its article tables). Other packages declare theirs
beside their tables (``store.registry``: step 2 in ``fuse/tables.py``, step 6 in
``watch/tables.py``, step 8 in ``ledger/tables.py``); all share one sequence of versions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step: ``version`` (1, 2 …), a short name, and the SQL it runs."""

    version: int
    name: str
    sql: str


INITIAL = """
CREATE TABLE articles (
    "id" VARCHAR NOT NULL,
    "url" VARCHAR,
    "title" VARCHAR,
    "published" VARCHAR,
    "outlet" VARCHAR,
    "language" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    "text" VARCHAR NOT NULL,
    "version" BIGINT NOT NULL,
    "current" BOOLEAN NOT NULL,
    "superseded_by" VARCHAR,
    "cluster" VARCHAR,
    "run_id" VARCHAR,
    "stored_at" TIMESTAMP,
    PRIMARY KEY ("sha256")
);

CREATE TABLE article_ids (
    "id" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    "run_id" VARCHAR,
    "seen_at" TIMESTAMP
);

CREATE TABLE near_duplicates (
    "sha256" VARCHAR NOT NULL,
    "duplicate_of" VARCHAR NOT NULL,
    "similarity" DOUBLE NOT NULL,
    "run_id" VARCHAR
);

CREATE TABLE events (
    "sha256" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "id" VARCHAR NOT NULL,
    "type" VARCHAR NOT NULL,
    "subtype" VARCHAR,
    "status" VARCHAR NOT NULL,
    "time_text" VARCHAR,
    "time_start" VARCHAR,
    "time_end" VARCHAR,
    "time_precision" VARCHAR,
    "certainty" VARCHAR NOT NULL,
    "confidence" DOUBLE NOT NULL,
    "extractor" VARCHAR NOT NULL
);

CREATE TABLE actors (
    "sha256" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "role" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "country" VARCHAR,
    "kind" VARCHAR NOT NULL,
    "start" BIGINT,
    "end" BIGINT
);

CREATE TABLE items (
    "sha256" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "text" VARCHAR NOT NULL,
    "category" VARCHAR NOT NULL,
    "system" VARCHAR,
    "quantity_text" VARCHAR,
    "quantity_min" DOUBLE,
    "quantity_max" DOUBLE,
    "start" BIGINT,
    "end" BIGINT
);

CREATE TABLE evidence (
    "sha256" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "text" VARCHAR NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "trigger_text" VARCHAR NOT NULL,
    "trigger_start" BIGINT NOT NULL,
    "trigger_end" BIGINT NOT NULL
);

CREATE TABLE attributions (
    "sha256" VARCHAR NOT NULL,
    "event_id" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "source_id" VARCHAR,
    "source_name" VARCHAR,
    "source_country" VARCHAR,
    "source_kind" VARCHAR,
    "source_start" BIGINT,
    "source_end" BIGINT,
    "anonymous" BOOLEAN NOT NULL,
    "via" VARCHAR,
    "text" VARCHAR NOT NULL,
    "start" BIGINT,
    "end" BIGINT
);

CREATE TABLE findings (
    "sha256" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "rule" VARCHAR NOT NULL,
    "regime" VARCHAR NOT NULL,
    "instrument" VARCHAR NOT NULL,
    "provision" VARCHAR NOT NULL,
    "event" VARCHAR NOT NULL,
    "in_force" BOOLEAN,
    "explanation" VARCHAR NOT NULL,
    "citation" VARCHAR,
    "date" VARCHAR,
    "contested" BOOLEAN NOT NULL,
    "evidence" STRUCT("text" VARCHAR, "start" BIGINT, "end" BIGINT)[] NOT NULL
);

CREATE TABLE mentions (
    "sha256" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "text" VARCHAR NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "type" VARCHAR NOT NULL,
    "id" VARCHAR
);

CREATE TABLE minhashes (
    "sha256" VARCHAR NOT NULL,
    "signature" BLOB NOT NULL
);

CREATE TABLE minhash_bands (
    "band" BIGINT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "sha256" VARCHAR NOT NULL
);

CREATE TABLE runs (
    "id" VARCHAR NOT NULL,
    "command" VARCHAR NOT NULL,
    "sources" VARCHAR[] NOT NULL,
    "status" VARCHAR NOT NULL,
    "started_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "workers" BIGINT NOT NULL,
    "batch_size" BIGINT NOT NULL,
    "host" VARCHAR NOT NULL,
    "pid" BIGINT NOT NULL,
    "version" VARCHAR NOT NULL,
    "articles_read" BIGINT NOT NULL,
    "articles_skipped" BIGINT NOT NULL,
    "articles_stored" BIGINT NOT NULL,
    "new_versions" BIGINT NOT NULL,
    "aliases" BIGINT NOT NULL,
    "near_duplicates" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "peak_rss_mb" DOUBLE,
    "message" VARCHAR,
    PRIMARY KEY ("id")
);

CREATE TABLE errors (
    "run_id" VARCHAR NOT NULL,
    "source" VARCHAR NOT NULL,
    "code" VARCHAR NOT NULL,
    "message" VARCHAR NOT NULL,
    "sha256" VARCHAR,
    "at" TIMESTAMP NOT NULL
);
"""

EVENT_KEYS = """
ALTER TABLE events ADD COLUMN source_keys VARCHAR[];
ALTER TABLE events ADD COLUMN target_keys VARCHAR[];
UPDATE events SET source_keys = k.keys FROM (
    SELECT event_id, list(key ORDER BY first) AS keys FROM (
        SELECT event_id, coalesce(country, id) AS key, min(ordinal) AS first FROM actors
        WHERE role = 'source' GROUP BY ALL
    ) GROUP BY event_id
) k WHERE k.event_id = events.id;
UPDATE events SET target_keys = k.keys FROM (
    SELECT event_id, list(key ORDER BY first) AS keys FROM (
        SELECT event_id, coalesce(country, id) AS key, min(ordinal) AS first FROM actors
        WHERE role = 'target' GROUP BY ALL
    ) GROUP BY event_id
) k WHERE k.event_id = events.id;
UPDATE events SET source_keys = [] WHERE source_keys IS NULL;
UPDATE events SET target_keys = [] WHERE target_keys IS NULL;
ALTER TABLE events ALTER COLUMN source_keys SET NOT NULL;
ALTER TABLE events ALTER COLUMN target_keys SET NOT NULL;
"""
"""Step 3: each event's source and target actor keys as list columns (filled from
``actors`` for the events stored before), for supplier → recipient queries without joins."""

EVENT_LIST_COLUMNS = """
ALTER TABLE events ADD COLUMN day VARCHAR;
ALTER TABLE events ADD COLUMN current BOOLEAN;
UPDATE events SET day = coalesce(events.time_start, left(a.published, 10)), current = a.current
FROM articles a WHERE a.sha256 = events.sha256;
UPDATE events SET current = true WHERE current IS NULL;
"""
"""Step 4: each event's list day (its own start, else its article's publication day) and
a copy of its article's ``current``, so event lists need no join with ``articles`` (made
NOT NULL by step 5: DuckDB refuses it in the transaction that filled the column)."""

LOOKUPS = """
ALTER TABLE events ALTER COLUMN current SET NOT NULL;
CREATE INDEX events_id ON events ("id");
CREATE INDEX actors_event_id ON actors ("event_id");
CREATE INDEX items_event_id ON items ("event_id");
CREATE INDEX evidence_event_id ON evidence ("event_id");
CREATE INDEX attributions_event_id ON attributions ("event_id");
CREATE INDEX findings_event ON findings ("event");
CREATE INDEX incidents_id ON incidents ("id");
CREATE INDEX incidents_block ON incidents ("block");
CREATE INDEX incident_events_event_id ON incident_events ("event_id");
CREATE INDEX incident_events_incident_id ON incident_events ("incident_id");
CREATE INDEX claims_incident_id ON claims ("incident_id");
"""
"""Step 5: indexes on the columns events, their parts and incidents are looked up by
(``Table.lookups``), so a dashboard page reads tens of rows instead of scanning millions
(DuckDB creates no index in the transaction that updated its table: a step of its own)."""

STABLE_IDS = """
ALTER TABLE articles ADD COLUMN fingerprint VARCHAR;
ALTER TABLE findings ADD COLUMN id VARCHAR;
CREATE TEMPORARY TABLE _stable_ids AS
WITH base AS (
    SELECT e.sha256, e.ordinal, e.id AS old_id,
        e.sha256 || e.type || 'from:' || array_to_string(e.source_keys, ',')
            || 'to:' || array_to_string(e.target_keys, ',') AS key,
        coalesce('span:' || ev.start || '-' || ev."end", 'span:-') AS span
    FROM events e LEFT JOIN evidence ev
        ON ev.sha256 = e.sha256 AND ev.event_id = e.id AND ev.ordinal = 0
), spanned AS (
    SELECT *, CASE WHEN count(*) OVER (PARTITION BY key) > 1 THEN key || span ELSE key END
        AS tied_key
    FROM base
), numbered AS (
    SELECT *, count(*) OVER (PARTITION BY tied_key) AS ties,
        row_number() OVER (PARTITION BY tied_key ORDER BY ordinal) AS tie
    FROM spanned
)
SELECT sha256, old_id, 'ev_' || left(sha1(
    CASE WHEN ties > 1 THEN tied_key || '#' || tie ELSE tied_key END), 24) AS new_id
FROM numbered;
UPDATE events SET id = m.new_id FROM _stable_ids m
WHERE events.sha256 = m.sha256 AND events.id = m.old_id;
UPDATE actors SET event_id = m.new_id FROM _stable_ids m
WHERE actors.sha256 = m.sha256 AND actors.event_id = m.old_id;
UPDATE items SET event_id = m.new_id FROM _stable_ids m
WHERE items.sha256 = m.sha256 AND items.event_id = m.old_id;
UPDATE evidence SET event_id = m.new_id FROM _stable_ids m
WHERE evidence.sha256 = m.sha256 AND evidence.event_id = m.old_id;
UPDATE attributions SET event_id = m.new_id FROM _stable_ids m
WHERE attributions.sha256 = m.sha256 AND attributions.event_id = m.old_id;
UPDATE findings SET event = m.new_id FROM _stable_ids m
WHERE findings.sha256 = m.sha256 AND findings.event = m.old_id;
UPDATE findings SET id = 'fi_' || left(sha1(event || rule), 24);
UPDATE incident_events SET event_id = m.new_id FROM _stable_ids m
WHERE incident_events.event_id = m.old_id;
UPDATE claims SET event_id = m.new_id FROM _stable_ids m WHERE claims.event_id = m.old_id;
UPDATE alerts SET event = m.new_id FROM _stable_ids m WHERE alerts.event = m.old_id;
UPDATE incidents SET event_ids = u.ids FROM (
    SELECT x.id, list(coalesce(m.new_id, x.event_id) ORDER BY x.pos) AS ids FROM (
        SELECT id, unnest(event_ids) AS event_id,
            unnest(generate_series(1, len(event_ids))) AS pos
        FROM incidents
    ) x LEFT JOIN _stable_ids m ON m.old_id = x.event_id GROUP BY x.id
) u WHERE u.id = incidents.id;
DROP TABLE _stable_ids;
"""
"""Step 7: content-derived ids (``armswatch.ledger.ids``, the same hash in SQL) for the
events and findings stored before, every reference to an event id carried over (event
parts, findings, incident links, claims, incidents, alerts); incidents keep their ids.
Each article's extractor fingerprint (null before: ``reanalyze --stale`` runs them)."""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", INITIAL),
    Migration(3, "event actor keys", EVENT_KEYS),
    Migration(4, "event day and current", EVENT_LIST_COLUMNS),
    Migration(5, "lookup indexes", LOOKUPS),
    Migration(7, "stable ids and fingerprints", STABLE_IDS),
)
"""The store's own steps; ``store.registry.migrations()`` gives every package's, in order."""
