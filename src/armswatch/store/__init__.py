"""The DuckDB store: tables derived from the models, one writer, read-only views.

- ``analysis_to_rows(analysis, text)``: one article's rows, for any engine;
- ``open_store(path)`` → ``Store``: migrate on open, ``start_run``, ``writer(run)``
  (one transaction per batch), ``finish_run``;
- ``open_view(path)`` → ``View``: typed queries and read-only ``sql()``.

See ``docs/store.md`` for the tables, identity, near-duplicates and durability.
"""

from __future__ import annotations

from armswatch.store.rows import Rows, analysis_to_rows
from armswatch.store.store import Store, open_store
from armswatch.store.tables import TABLE, TABLES
from armswatch.store.view import QueryResult, View, open_view
from armswatch.store.writer import StoreWriter

__all__ = [
    "TABLE",
    "TABLES",
    "QueryResult",
    "Rows",
    "Store",
    "StoreWriter",
    "View",
    "analysis_to_rows",
    "open_store",
    "open_view",
]
