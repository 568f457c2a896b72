"""The ``armswatch`` command: thin typer wrappers over the library functions.

Errors are translated here, at one boundary (``Boundary.invoke``, around every command
and sub-command): library code raises ArmswatchError, and the CLI prints
``error: [AW0xx] message`` on stderr and exits 1. Commands need no handler of their own.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer
from rich.console import Console
from typer.core import TyperGroup

from armswatch.errors import ArmswatchError, OutputError
from armswatch.ledger.cli import pasted_id

if TYPE_CHECKING:
    from armswatch.run.local import RunOptions

err = Console(stderr=True, highlight=False, soft_wrap=True)


class Boundary(TyperGroup):
    """The one place where a library error becomes a message and exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click.Context
        try:
            return super().invoke(ctx)
        except ArmswatchError as exc:
            raise fail(exc) from exc


app = typer.Typer(
    cls=Boundary,
    help="Read news, find arms transfers and sanctions breaches, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    pretty = "pretty"


def fail(exc: ArmswatchError) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(code=1)


def open_output(path: Path) -> TextIO:
    """``path`` opened for writing text, or OutputError in one line (no traceback)."""
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise OutputError.of(path, exc) from None


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
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="A progress bar on stderr (default: when stderr is a terminal and the "
            "analyses do not go to it).",
        ),
    ] = None,
) -> None:
    """Analyse articles: events, attribution, certainty and sanctions findings."""
    from armswatch.batch import analyze_paths
    from armswatch.pipeline import default_analyzer
    from armswatch.run.progress import estimate_total, progress_bar, progress_wanted

    if progress is None:
        progress = progress_wanted() and (output is not None or not sys.stdout.isatty())

    try:
        stream: TextIO = open_output(output) if output else sys.stdout
    except ArmswatchError as exc:
        raise fail(exc) from exc
    try:
        total = estimate_total(paths) if progress else None
        say = lambda line: err.print(line, markup=False)  # noqa: E731
        with progress_bar(progress, total, say, label="analysing") as ticker:
            results = analyze_paths(
                paths,
                published=published,
                on_problem=lambda p: ticker.say(str(p)),
                analyzer=default_analyzer().with_triage(triage),
            )
            write_analyses(counted(results, ticker.advance), output_format, stream)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    except OSError as exc:  # the output went away or filled up while writing
        raise fail(OutputError.of(output or "<stdout>", exc)) from exc
    finally:
        if output:
            stream.close()


T = TypeVar("T")


def counted(items: Iterable[T], advance: Callable[[int], None]) -> Iterator[T]:
    """The items, advancing a progress bar by one for each."""
    for item in items:
        yield item
        advance(1)


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
    gold_dir: Annotated[
        Path | None, typer.Argument(help="A gold folder: articles.jsonl + gold.jsonl.")
    ] = None,
    grid: Annotated[
        bool,
        typer.Option(
            "--grid",
            help="Run the behavioural grid instead (pass rates per construction; "
            "--explain lists failures); exits 1 below tests/grid/baseline.json.",
        ),
    ] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    explain: Annotated[
        bool, typer.Option(help="List missed and spurious tuples per document.")
    ] = False,
    triage: Annotated[
        bool, typer.Option(help="Parse only sentences that name actors with weapons or events.")
    ] = True,
    gold_events: Annotated[
        bool,
        typer.Option(
            "--gold-events",
            help="Feed the gold's required events to the sanctions engine instead of "
            "extracting: finding scores then measure the rules alone.",
        ),
    ] = False,
) -> None:
    """Score extraction against gold annotations (spec/GOLD.md) or the behavioural grid."""
    if grid:
        from armswatch.grid.__main__ import main as grid_main

        args = ["--failures", "200" if explain else "0"] + ([] if triage else ["--no-triage"])
        raise typer.Exit(grid_main(args))
    if gold_dir is None:
        raise typer.BadParameter("give a gold folder, or --grid", param_hint="GOLD_DIR")
    from armswatch.evaluate import explain as explain_diffs
    from armswatch.evaluate import load_gold, render_scores, score

    try:
        articles, gold = load_gold(gold_dir)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    if gold_events:
        from armswatch.sanctions.gold_events import gold_analyses

        system = gold_analyses(articles, gold)
    else:
        from armswatch.pipeline import default_analyzer

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


class Engine(StrEnum):
    local = "local"
    dask = "dask"


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
    engine: Annotated[
        Engine, typer.Option(help="local (default): processes here; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler tcp://HOST:PORT (default: $ARMSWATCH_DASK_SCHEDULER, else a "
            "local cluster of --workers processes)."
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(help="Dask: keep the partitioned Parquet here (default: a temporary folder)."),
    ] = None,
    load: Annotated[
        bool,
        typer.Option(help="Dask: load the Parquet into --db; --no-load only writes --parquet."),
    ] = True,
) -> None:
    """Analyse articles into the store; texts already stored are skipped (see docs/store.md)."""
    from armswatch.run.local import RunOptions, run_local
    from armswatch.settings import int_setting

    if engine is Engine.local and (scheduler or parquet or not load):
        raise typer.BadParameter("--scheduler, --parquet and --no-load need --engine dask")
    if not load and parquet is None:
        raise typer.BadParameter("--no-load needs --parquet DIR (where to write)")
    try:
        options = RunOptions(
            workers=workers or int_setting("ARMSWATCH_WORKERS", minimum=1),
            batch_size=batch_size,
            published=published,
            progress=progress,
            verbose=verbose,
        )
        if engine is Engine.dask:
            run_dask_cli(sources, db_path(db), options, scheduler, parquet, load)
            return
        summary = run_local(sources, db_path(db), options, say=say)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    say(summary.line())


def say(line: str) -> None:
    """One line on stderr (reports of runs and loads)."""
    err.print(line, markup=False)


def run_dask_cli(
    sources: list[str],
    db: Path,
    options: RunOptions,
    scheduler: str | None,
    parquet: Path | None,
    load: bool,
) -> None:
    from armswatch.run.dask import run_dask, write_parquet

    if load:
        say(run_dask(sources, db, options, say=say, scheduler=scheduler, parquet=parquet).line())
    else:
        assert parquet is not None
        say(write_parquet(sources, parquet, options, say=say, scheduler=scheduler).line())


@app.command("load")
def load_cli(
    parquet_dir: Annotated[
        Path, typer.Argument(help="A folder written by `armswatch run --engine dask --parquet`.")
    ],
    db: DbOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per loaded partition.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
) -> None:
    """Load Parquet partitions into the store, in input order; stored texts add nothing."""
    from armswatch.run.load import load_parquet
    from armswatch.run.local import RunOptions

    try:
        options = RunOptions(progress=progress, verbose=verbose)
        say(load_parquet(parquet_dir, db_path(db), options, say=say).line())
    except ArmswatchError as exc:
        raise fail(exc) from exc


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


@app.command("serve")
def serve_cli(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (beyond loopback: needs ARMSWATCH_API_TOKEN).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, help="Server processes (one per CPU serves more requests at once)."
        ),
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json) and the dashboard (loopback by default)."""
    from armswatch.api import serve

    try:
        err.print(f"armswatch: dashboard at http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
        serve(db_path(db), host, port, workers)
    except ArmswatchError as exc:
        raise fail(exc) from exc


@app.command("dossier")
def dossier_cli(
    source: Annotated[
        str, typer.Option("--from", help="Supplying/acting side: actor code (PRK, IRN, wagner).")
    ],
    target: Annotated[str, typer.Option("--to", help="Receiving/other side: actor code.")],
    db: DbOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", help="html (self-contained; default) or md.")
    ] = "html",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """A self-contained report on one dyad: incidents, findings, quotes, sources, timeline."""
    from armswatch.errors import DossierError
    from armswatch.export.dossier import DossierFormat, DossierQuery, build_dossier, require_content
    from armswatch.export.report import render_dossier
    from armswatch.store.view import open_view

    try:
        if output_format not in DossierFormat.__members__:
            raise DossierError(f"unknown format {output_format!r}: use html or md")
        query = DossierQuery.model_validate({"from": source, "to": target})
        with open_view(db_path(db)) as view:
            dossier = require_content(build_dossier(view, query))
        text = render_dossier(dossier, DossierFormat(output_format))
    except ArmswatchError as exc:
        raise fail(exc) from exc
    except ValueError as exc:
        problem = f"--from {source!r} / --to {target!r}: actor codes are letters, digits, _ . -"
        raise fail(DossierError(problem)) from exc
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise fail(OutputError.of(output, exc)) from exc
        err.print(
            f"dossier: {len(dossier.timeline)} events, {len(dossier.findings)} findings → {output}",
            markup=False,
        )
    else:
        sys.stdout.write(text)


@app.command("stats")
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


@app.command("incidents")
def incidents_cli(
    db: DbOpt = None,
    actor: Annotated[
        str | None, typer.Option(help="An actor on either side (PRK, IRN, wagner …).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only incidents reported on or after this ISO date.")
    ] = None,
    min_sources: Annotated[
        int | None, typer.Option(min=1, help="At least this many independent sources.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many incidents.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one per incident.")] = False,
    rebuild: Annotated[
        bool, typer.Option(help="Recompute every incident first (needs the store for writing).")
    ] = False,
) -> None:
    """Cross-article incidents, latest reported first (see docs/incidents.md)."""
    from armswatch.fuse import list_incidents, rebuild_incidents
    from armswatch.fuse.render import incident_table
    from armswatch.store.view import open_view

    if rebuild:
        err.print(rebuild_incidents(db_path(db)).line(), markup=False)
    with open_view(db_path(db)) as view:
        found = list_incidents(view, actor, since, min_sources, limit, offset)
    if as_json:
        for summary in found:
            typer.echo(summary.model_dump_json())
    else:
        Console(highlight=False).print(incident_table(found))


@app.command("incident")
def incident_cli(
    incident_id: Annotated[str, typer.Argument(help="An incident id (inc_…).", callback=pasted_id)],
    db: DbOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead (the document of /api/incidents/ID).")
    ] = False,
) -> None:
    """One incident's whole story: reports over time, evidence, provenance, score."""
    from armswatch.fuse.render import story_view
    from armswatch.queries import incident_story
    from armswatch.store.view import open_view

    with open_view(db_path(db)) as view:
        story = incident_story(view, incident_id)
    if as_json:
        typer.echo(story.model_dump_json(indent=2))
    else:
        Console(highlight=False).print(story_view(story))


@app.command("page")
def page_cli(
    name: Annotated[str, typer.Argument(help="A dashboard page: events, incident, map, actor …")],
    key: Annotated[
        str | None,
        typer.Argument(
            help="The item of a one-item page (an id or actor code).", callback=pasted_id
        ),
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A query parameter NAME=VALUE (repeatable)."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Print a dashboard page's document as JSON: the same as its JSON twin under /api."""
    from armswatch.api.pages import load_page, page_named
    from armswatch.errors import InvalidRequestError
    from armswatch.store.view import open_view

    pairs = [p.partition("=") for p in params or []]
    if bad := [name for name, sep, _ in pairs if not sep]:
        raise InvalidRequestError(f"--param {bad[0]!r}: give NAME=VALUE, e.g. actor=PRK")
    with open_view(db_path(db)) as view:
        document = load_page(view, page_named(name), key, {k: v for k, _, v in pairs})
    typer.echo(document.model_dump_json(indent=2))


def mount_rules() -> None:
    from armswatch.sanctions.cli import rules_app

    app.add_typer(
        rules_app, name="rules", help="The sanctions rulebook: list, show, what-if checks."
    )


mount_rules()


def mount_watch() -> None:
    from armswatch.watch.cli import sources_app, watch_cli

    app.add_typer(sources_app, name="sources", help="Watched sources: add, list, remove.")
    app.command("watch")(watch_cli)


mount_watch()


def mount_ledger() -> None:
    from armswatch.ledger.cli import history_cli, reanalyze_cli, review_cli

    app.command("reanalyze")(reanalyze_cli)
    app.command("history")(history_cli)
    app.command("review")(review_cli)


mount_ledger()


@app.command("version")
def version_cli() -> None:
    """Print the armswatch version."""
    from armswatch import __version__

    typer.echo(__version__)


if __name__ == "__main__":
    app()
