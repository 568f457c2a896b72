"""``armswatch analyze``: articles in, analyses out (JSON Lines, JSON or for people)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO, TypeVar

import typer
from rich.console import Console

from armswatch.cli.common import err, fail
from armswatch.errors import ArmswatchError, OutputError


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    pretty = "pretty"


def open_output(path: Path) -> TextIO:
    """``path`` opened for writing text, or OutputError in one line (no traceback)."""
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise OutputError.of(path, exc) from None


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
