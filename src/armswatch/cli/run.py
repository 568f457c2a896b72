"""``armswatch run`` and ``load``: articles into the store, here or on a Dask cluster."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armswatch.cli.common import DbOpt, db_path, err, fail
from armswatch.errors import ArmswatchError

if TYPE_CHECKING:
    from armswatch.run.local import RunOptions


class Engine(StrEnum):
    local = "local"
    dask = "dask"


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
