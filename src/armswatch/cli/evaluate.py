"""``armswatch eval``: scores against a gold set (spec/GOLD.md), or the behavioural grid."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from armswatch.cli.common import fail
from armswatch.errors import ArmswatchError


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
