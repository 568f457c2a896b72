"""Query results and store statistics as rich tables, CSV or JSON (for the CLI)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.table import Column, Table

from armswatch.store.stats import StoreStats
from armswatch.store.view import QueryResult

MAX_CELL = 80


def cell(value: Any) -> str:
    """A value as table text: NULL shown, long text cut."""
    if value is None:
        return "NULL"
    text = value.hex() if isinstance(value, bytes) else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def result_table(result: QueryResult) -> Table:
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*(cell(v) for v in row))
    if result.truncated:
        table.caption = f"first {len(result.rows)} rows (use --limit to see more)"
    return table


def json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def write_csv(columns: list[str], chunks: Iterable[list[tuple[Any, ...]]], out: TextIO) -> None:
    """Query results as CSV, neutralised like every CSV armswatch writes (``csv_cell``)."""
    from armswatch.export.table import write_csv as write_cells

    write_cells(columns, chunks, out)


def write_jsonl(columns: list[str], chunks: Iterable[list[tuple[Any, ...]]], out: TextIO) -> None:
    for chunk in chunks:
        for row in chunk:
            record = dict(zip(columns, row, strict=True))
            out.write(json.dumps(record, ensure_ascii=False, default=json_value) + "\n")


def write_json(columns: list[str], chunks: Iterable[list[tuple[Any, ...]]], out: TextIO) -> None:
    """A JSON array of objects, written as the rows come."""
    out.write("[")
    first = True
    for chunk in chunks:
        for row in chunk:
            record = dict(zip(columns, row, strict=True))
            out.write(("\n  " if first else ",\n  ") + json.dumps(record, default=json_value))
            first = False
    out.write("\n]\n" if not first else "]\n")


def counts_table(title: str, counts: dict[str, int], label: str) -> Table:
    table = Table(label, "count", title=title, title_justify="left")
    for key, n in counts.items():
        table.add_row(key, f"{n:,}")
    return table


def stats_view(stats: StoreStats) -> RenderableType:
    """Counts per table, per event type, per rule, per error code, and the last runs."""
    articles = {
        "current": stats.current_articles,
        "superseded versions": stats.superseded_articles,
        "near-duplicate clusters": stats.clusters,
    }
    runs = Table(
        Column("run", no_wrap=True),
        "status",
        Column("started (UTC)", no_wrap=True),
        "read",
        "stored",
        "skipped",
        "errors",
        title="Last runs",
        title_justify="left",
    )
    for run in stats.runs:
        runs.add_row(
            run.id,
            run.status,
            f"{run.started_at:%Y-%m-%d %H:%M:%S}",
            *(
                f"{n:,}"
                for n in (run.articles_read, run.articles_stored, run.articles_skipped, run.errors)
            ),
        )
    return Group(
        counts_table(f"Tables of {stats.path}", stats.tables, "table"),
        counts_table("Articles", articles, ""),
        counts_table("Events per type (current articles)", stats.events_by_type, "type"),
        counts_table("Findings per rule (current articles)", stats.findings_by_rule, "rule"),
        counts_table("Errors per code", stats.errors_by_code, "code"),
        runs,
    )
