"""The fusion tables: declared by the models, frozen in migration step 2."""

from __future__ import annotations

import duckdb

from armswatch.fuse.tables import FUSE_TABLES
from armswatch.store.registry import all_migrations
from armswatch.store.schema import apply_migrations, live_columns, shape


def test_migration_step_two_creates_exactly_the_fusion_tables() -> None:
    con = duckdb.connect()
    apply_migrations(con)
    live = live_columns(con)
    for table in FUSE_TABLES:
        assert live[table.name] == [shape(c) for c in table.columns], table.name
    assert [step.name for step in all_migrations()[:2]] == ["initial schema", "incidents"]
