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
) -> None:
    """Analyse articles: events, attribution, certainty and sanctions findings."""
    from armswatch.batch import analyze_paths

    stream: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        results = analyze_paths(
            paths, published=published, on_problem=lambda p: err.print(str(p), markup=False)
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
) -> None:
    """Score extraction against gold annotations (spec/GOLD.md)."""
    from armswatch.evaluate import explain as explain_diffs
    from armswatch.evaluate import load_gold, render_scores, score
    from armswatch.pipeline import default_analyzer

    try:
        articles, gold = load_gold(gold_dir)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    analyzer = default_analyzer()
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
