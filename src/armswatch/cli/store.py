"""``armswatch query``, ``stats`` and ``export``: the store's tables read with SQL, counted
and exported (Parquet, CSV, JSON Lines, FtM entities, the actor network)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from armswatch.cli.common import DbOpt, db_path, fail
from armswatch.errors import ArmswatchError, OutputError


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def query_cli(
    sql: Annotated[str, typer.Argument(help="One read-only SQL query.")],
    db: DbOpt = None,
    output_format: Annotated[
        QueryFormat, typer.Option("--format", help="table (default), csv, json or jsonl.")
    ] = QueryFormat.table,
    limit: Annotated[
        int | None, typer.Option(min=0, help="At most this many rows (table: 100).")
    ] = None,
) -> None:
    """Run SQL on the store (read-only) and print the result."""
    from armswatch.store import render
    from armswatch.store.view import open_view

    writers = {"csv": render.write_csv, "json": render.write_json, "jsonl": render.write_jsonl}
    try:
        with open_view(db_path(db)) as view:
            if output_format is QueryFormat.table:
                result = view.sql(sql, limit=100 if limit is None else limit)
                Console(soft_wrap=False).print(render.result_table(result))
                return
            if limit is None:
                columns, chunks = view.iter_sql(sql)
                writers[output_format.value](columns, chunks, sys.stdout)
            else:
                result = view.sql(sql, limit=limit)
                writers[output_format.value](result.columns, [result.rows], sys.stdout)
    except ArmswatchError as exc:
        raise fail(exc) from exc


def export_cli(
    db: DbOpt = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="parquet (partitioned; default), csv or jsonl: the tables; ftm: FollowTheMoney "
            "entities; graphml or gexf: the actor network.",
        ),
    ] = "parquet",
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("export"),
    tables: Annotated[
        list[str] | None, typer.Option("--table", help="Only this table (repeatable).")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace earlier exports.")] = False,
) -> None:
    """Export the store: tables (Parquet, CSV, JSON Lines), FtM entities, or the network."""
    from armswatch.errors import ExportError
    from armswatch.export import FILES, export_view
    from armswatch.store.export import ExportFormat, export_store

    try:
        if output_format in FILES:
            done = export_view(db_path(db), out, output_format, overwrite)
            typer.echo(f"{output_format}: {done.count} {done.what} → {done.path}")
            return
        if output_format not in ExportFormat.__members__:
            raise ExportError(
                f"unknown format {output_format!r}: use parquet, csv, jsonl, ftm, graphml or gexf"
            )
        written = export_store(db_path(db), out, ExportFormat(output_format), tables, overwrite)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    except OSError as exc:
        raise fail(OutputError.of(out, exc)) from exc
    for item in written:
        typer.echo(f"{item.table}: {item.rows} rows → {item.path}")


def stats_cli(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts per table, events per type, findings per rule, errors, and the last runs."""
    from armswatch.store.render import stats_view
    from armswatch.store.stats import collect_stats
    from armswatch.store.view import open_view

    with open_view(db_path(db)) as view:
        stats = collect_stats(view)
    if as_json:
        typer.echo(stats.model_dump_json(indent=2))
    else:
        Console(highlight=False, width=None if sys.stdout.isatty() else 120).print(
            stats_view(stats)
        )
