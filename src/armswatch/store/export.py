"""Export the store's tables as Parquet (partitioned), CSV or JSON Lines, with DuckDB COPY.

Parquet: ``articles`` are partitioned by publication year, ``events`` by type and year
(of the event's time, else of the article's date), ``findings`` by rule; the other tables
are one file each. CSV and JSON Lines: one file per table; CSV cells go through
``export.table.csv_cell`` (formulas neutralised, nested columns as JSON, floats without
noise). The MinHash tables are internal and not exported. Every row is exported,
superseded versions and rejected events too (``current``, ``review``: events and findings
carry their event's review status; ``reviews`` holds every current review, of events and
of incidents, with its note, author and flag for a second look).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb

from armswatch.errors import ExportError, OutputError
from armswatch.store.db import connect, translated
from armswatch.store.sql import scalar

EXPORTED = (
    "articles",
    "article_ids",
    "near_duplicates",
    "events",
    "actors",
    "items",
    "evidence",
    "attributions",
    "findings",
    "mentions",
    "runs",
    "errors",
    "reviews",
)
YEAR = "year(try_cast(left({}, 10) AS DATE))"
REVIEW = "LEFT JOIN reviews r ON r.kind = 'event' AND r.id = {}"
"""The analysts' review of an event (``ledger.review``): events and findings export its
status as ``review`` (null when unreviewed)."""
SELECTS = {
    "articles": f"SELECT *, {YEAR.format('published')} AS year FROM articles",
    "events": f"SELECT e.*, coalesce({YEAR.format('e.time_start')}, "
    f"{YEAR.format('a.published')}) AS year, r.status AS review "
    f"FROM events e JOIN articles a USING (sha256) {REVIEW.format('e.id')}",
    "findings": f"SELECT f.*, r.status AS review FROM findings f {REVIEW.format('f.event')}",
}
PARTITIONS = {"articles": ("year",), "events": ("type", "year"), "findings": ("rule",)}


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@dataclass(frozen=True)
class Exported:
    """One exported table: where it went and how many rows."""

    table: str
    path: Path
    rows: int


def export_store(
    db_path: str | Path,
    out_dir: str | Path,
    fmt: ExportFormat = ExportFormat.parquet,
    tables: list[str] | None = None,
    overwrite: bool = False,
) -> list[Exported]:
    """Write the tables of the store at ``db_path`` under ``out_dir``; RETURNS what was written.

    Raises ExportError for an unknown table, or when a target exists and not ``overwrite``.
    """
    names = tables or list(EXPORTED)
    unknown = sorted(set(names) - set(EXPORTED))
    if unknown:
        raise ExportError(f"cannot export {', '.join(unknown)}: tables are {', '.join(EXPORTED)}")
    out, path = Path(out_dir), Path(db_path)
    targets = {name: target(out, name, fmt) for name in names}
    clear(list(targets.values()), overwrite)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(path, read_only=True)
    try:
        with translated(path):
            return [copy(con, name, targets[name], fmt) for name in names]
    finally:
        con.close()


def target(out: Path, table: str, fmt: ExportFormat) -> Path:
    if fmt is ExportFormat.parquet and table in PARTITIONS:
        return out / table
    return out / f"{table}.{fmt.value}"


def clear(paths: list[Path], overwrite: bool) -> None:
    """Refuse to overwrite earlier exports unless asked; then remove them."""
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        raise ExportError(f"{existing[0]} exists already: use --overwrite or another --out")
    for path in existing:
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def copy(con: duckdb.DuckDBPyConnection, table: str, path: Path, fmt: ExportFormat) -> Exported:
    """One table through ``COPY … TO``."""
    query = SELECTS.get(table, f"SELECT * FROM {table}")
    if fmt is ExportFormat.csv:
        return Exported(table, path, copy_csv(con, query, path))
    options = "FORMAT parquet" if fmt is ExportFormat.parquet else "FORMAT json"
    if fmt is ExportFormat.parquet and table in PARTITIONS:
        options += f", PARTITION_BY ({', '.join(PARTITIONS[table])})"
    quoted = str(path).replace("'", "''")
    rows = scalar(con, f"COPY ({query}) TO '{quoted}' ({options})")
    return Exported(table, path, int(rows or 0))


def copy_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """One query's rows as CSV through ``csv_cell`` (formulas neutralised, nested columns as
    JSON, no float noise), as ``query --format csv`` and the API write it; RETURNS rows."""
    from armswatch.export.table import write_csv

    cursor = con.cursor()
    try:
        result = cursor.execute(query)
        columns = [d[0] for d in result.description or []]
        chunks = iter(lambda: result.fetchmany(2000), [])
        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                return write_csv(columns, chunks, out)
        except OSError as exc:
            raise OutputError.of(path, exc) from None
    finally:
        cursor.close()
