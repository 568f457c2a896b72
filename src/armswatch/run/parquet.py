"""The Parquet layout of the Dask engine: one file per table per partition.

A partition is one batch of input records, numbered in input order. Its rows go to
``ROOT/table=NAME/part-NNNNN.parquet`` with the store's Arrow schemas, for every table
of ``PARQUET_TABLES`` (empty files included), so the same input always gives the same
file names and a re-run overwrites instead of adding. ``articles`` is written last: a
partition counts as written once its ``articles`` file exists. ``errors`` and
``article_ids`` rows carry the records that are not analyses (bad records, failed
analyses, texts already stored); their ``run_id`` is replaced when they are loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from armswatch.errors import ParquetError
from armswatch.store.sql import Row, arrow_rows
from armswatch.store.tables import CONTENT_TABLES, TABLE

PARQUET_TABLES: tuple[str, ...] = (
    *(name for name in CONTENT_TABLES if name != "articles"),
    "article_ids",
    "errors",
    "articles",
)
"""Every table a partition writes, in writing order (``articles`` last)."""

_PART = re.compile(r"part-(\d{5,})\.parquet")


def part_path(root: Path, table: str, number: int) -> Path:
    """Where partition ``number`` keeps the rows of ``table``."""
    return root / f"table={table}" / f"part-{number:05d}.parquet"


def write_partition(root: Path, number: int, rows: Mapping[str, Sequence[Row]]) -> None:
    """Write one file per table (atomically: a temporary file, then renamed)."""
    for table in PARQUET_TABLES:
        path = part_path(root, table, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        pq.write_table(arrow_rows(table, rows.get(table, [])), partial)
        os.replace(partial, path)


def clear_partitions(root: Path) -> int:
    """Remove the partition files of an earlier write (only those); RETURNS how many."""
    removed = 0
    for table in PARQUET_TABLES:
        folder = root / f"table={table}"
        for path in folder.glob("part-*.parquet") if folder.is_dir() else []:
            if _PART.fullmatch(path.name):
                path.unlink()
                removed += 1
    return removed


def partitions(root: Path) -> list[int]:
    """The numbers of the partitions written under ``root``, in input order."""
    if not root.is_dir():
        raise ParquetError(f"no folder at {root}")
    folder = root / "table=articles"
    found = [_PART.fullmatch(p.name) for p in folder.glob("part-*.parquet")]
    return sorted(int(match.group(1)) for match in found if match)


def read_partition(root: Path, number: int) -> dict[str, list[Row]]:
    """The rows of one partition, per table, in the order they were written."""
    return {table: read_rows(part_path(root, table, number), table) for table in PARQUET_TABLES}


def read_rows(path: Path, table: str) -> list[Row]:
    """The rows of one file, checked against (and cast to) the table's Arrow schema."""
    schema = TABLE[table].arrow_schema
    try:
        data = pq.read_table(path)
        data = data.select(schema.names).cast(schema)
    except FileNotFoundError:
        raise ParquetError(
            f"{path} is missing: the write did not finish, or the workers wrote to a folder "
            "this machine cannot see (use a --parquet folder shared by all machines)"
        ) from None
    except (OSError, KeyError, pa.ArrowException) as exc:
        raise ParquetError(f"{path}: not a partition of table {table} ({exc})") from None
    return data.to_pylist()  # type: ignore[no-any-return]
