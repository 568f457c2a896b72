"""The ``armswatch`` command: thin typer wrappers over the library functions.

Errors are translated here, at one boundary: library code raises ArmswatchError, and
the CLI prints ``error: [AW0xx] message`` on stderr and exits 1.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from armswatch.errors import ArmswatchError

app = typer.Typer(
    help="Read news, find arms transfers and sanctions breaches, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    pretty = "pretty"


def fail(exc: ArmswatchError) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(code=1)


@app.command("analyze")
def analyze_cli(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.jsonl .json .txt .html), folders, or - for stdin.")
    ],
    published: Annotated[
        str | None, typer.Option(help="ISO date for .txt/.html articles and records without one.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl (default), json or pretty.")
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    triage: Annotated[
        bool, typer.Option(help="Parse only sentences that name actors with weapons or events.")
    ] = True,
) -> None:
    """Analyse articles: events, attribution, certainty and sanctions findings."""
    from armswatch.batch import analyze_paths
    from armswatch.pipeline import default_analyzer

    stream: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        results = analyze_paths(
            paths,
            published=published,
            on_problem=lambda p: err.print(str(p), markup=False),
            analyzer=default_analyzer().with_triage(triage),
        )
        write_analyses(results, output_format, stream)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    finally:
        if output:
            stream.close()


def write_analyses(results: object, output_format: OutputFormat, stream: TextIO) -> None:
    from armswatch.model import Analysis
    from armswatch.render import render_analysis

    analyses: list[Analysis] = []
    console = Console(file=stream, soft_wrap=True, highlight=False)
    for analysis in results:  # type: ignore[attr-defined]
        if output_format is OutputFormat.jsonl:
            stream.write(analysis.model_dump_json() + "\n")
        elif output_format is OutputFormat.pretty:
            console.print(render_analysis(analysis))
        else:
            analyses.append(analysis)
    if output_format is OutputFormat.json:
        json.dump(
            [a.model_dump(mode="json") for a in analyses], stream, ensure_ascii=False, indent=2
        )
        stream.write("\n")


@app.command("eval")
def eval_cli(
    gold_dir: Annotated[Path, typer.Argument(help="A gold folder: articles.jsonl + gold.jsonl.")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    explain: Annotated[
        bool, typer.Option(help="List missed and spurious tuples per document.")
    ] = False,
    triage: Annotated[
        bool, typer.Option(help="Parse only sentences that name actors with weapons or events.")
    ] = True,
) -> None:
    """Score extraction against gold annotations (spec/GOLD.md)."""
    from armswatch.evaluate import explain as explain_diffs
    from armswatch.evaluate import load_gold, render_scores, score
    from armswatch.pipeline import default_analyzer

    try:
        articles, gold = load_gold(gold_dir)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    analyzer = default_analyzer().with_triage(triage)
    system = {
        a.doc_id: analysis
        for a, analysis in zip(articles, analyzer.analyze_many(articles), strict=True)
    }
    scores = score(gold, system)
    out = Console(highlight=False)
    out.print(f"[bold]{gold_dir}[/bold]: {len(articles)} articles")
    out.print(render_scores(scores))
    if explain:
        for line in explain_diffs(gold, system):
            out.print(line, markup=False)
    if json_out:
        json_out.write_text(scores.model_dump_json(indent=2), encoding="utf-8")


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="The DuckDB file (default: $ARMSWATCH_DB or armswatch.duckdb)."),
]


def db_path(db: Path | None) -> Path:
    from armswatch.settings import get_setting

    return db or Path(get_setting("ARMSWATCH_DB"))


@app.command("run")
def run_cli(
    sources: Annotated[
        list[str], typer.Argument(help="Files (.jsonl[.gz] .json .txt .html), folders, or -.")
    ],
    db: DbOpt = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Analysis processes (default 1)."),
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Articles per transaction (default 64).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="ISO date for .txt/.html articles and records without one.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per stored batch.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
) -> None:
    """Analyse articles into the store; texts already stored are skipped (see docs/store.md)."""
    from armswatch.run.local import RunOptions, run_local
    from armswatch.settings import int_setting

    def say(line: str) -> None:
        err.print(line, markup=False)

    try:
        options = RunOptions(
            workers=workers or int_setting("ARMSWATCH_WORKERS", minimum=1),
            batch_size=batch_size,
            published=published,
            progress=progress,
            verbose=verbose,
        )
        summary = run_local(sources, db_path(db), options, say=say)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    say(summary.line())


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@app.command("query")
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


@app.command("export")
def export_cli(
    db: DbOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", help="parquet (partitioned; default), csv or jsonl.")
    ] = "parquet",
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("export"),
    tables: Annotated[
        list[str] | None, typer.Option("--table", help="Only this table (repeatable).")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace earlier exports.")] = False,
) -> None:
    """Export the store's tables as partitioned Parquet, CSV or JSON Lines."""
    from armswatch.errors import ExportError
    from armswatch.store.export import ExportFormat, export_store

    try:
        if output_format not in ExportFormat.__members__:
            raise ExportError(f"unknown format {output_format!r}: use parquet, csv or jsonl")
        written = export_store(db_path(db), out, ExportFormat(output_format), tables, overwrite)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    for item in written:
        typer.echo(f"{item.table}: {item.rows} rows → {item.path}")


@app.command("stats")
def stats_cli(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts per table, events per type, findings per rule, errors, and the last runs."""
    from armswatch.store.render import stats_view
    from armswatch.store.stats import collect_stats
    from armswatch.store.view import open_view

    try:
        with open_view(db_path(db)) as view:
            stats = collect_stats(view)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    if as_json:
        typer.echo(stats.model_dump_json(indent=2))
    else:
        Console(highlight=False, width=None if sys.stdout.isatty() else 120).print(
            stats_view(stats)
        )


def mount_rules() -> None:
    from armswatch.sanctions.cli import rules_app

    app.add_typer(
        rules_app, name="rules", help="The sanctions rulebook: list, show, what-if checks."
    )


mount_rules()


@app.command("version")
def version_cli() -> None:
    """Print the armswatch version."""
    from armswatch import __version__

    typer.echo(__version__)


if __name__ == "__main__":
    app()
