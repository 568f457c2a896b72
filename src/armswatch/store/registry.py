"""Every table of the store and every migration step, the store's and other packages'.

The store owns the article tables (``store/tables.py``, ``store/migrations.py``). A
package with tables of its own declares them in one module named in ``SCHEMA_MODULES``,
with two attributes: ``TABLES`` (``store.tables.Table``) and ``MIGRATIONS``
(``store.migrations.Migration``, frozen SQL). All steps share one sequence of versions,
in the order they were released, so a store is at one version whatever package a step
belongs to; the store applies them on open and ``schema_diff`` checks them all.
The modules are imported when first needed (they import the store: no cycle).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from armswatch.store import migrations as store_migrations
from armswatch.store import tables as store_tables
from armswatch.store.migrations import Migration
from armswatch.store.tables import Table

SCHEMA_MODULES: tuple[str, ...] = (
    "armswatch.fuse.tables",
    "armswatch.watch.tables",
    "armswatch.ledger.tables",
    "armswatch.store.page_tables",
)


@lru_cache(maxsize=1)
def all_tables() -> tuple[Table, ...]:
    """The store's tables, then each package's."""
    found = list(store_tables.TABLES)
    for name in SCHEMA_MODULES:
        found += importlib.import_module(name).TABLES
    return tuple(found)


@lru_cache(maxsize=1)
def all_migrations() -> tuple[Migration, ...]:
    """Every step, by version; ValueError when two share a version or one is missing."""
    steps = list(store_migrations.MIGRATIONS)
    for name in SCHEMA_MODULES:
        steps += importlib.import_module(name).MIGRATIONS
    steps.sort(key=lambda step: step.version)
    versions = [step.version for step in steps]
    if versions != list(range(1, len(steps) + 1)):
        raise ValueError(f"migration versions must be 1, 2 … without gaps: {versions}")
    return tuple(steps)


def latest_version() -> int:
    """The version a store has once every step is applied."""
    return all_migrations()[-1].version
