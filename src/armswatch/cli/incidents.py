"""``armswatch incidents``, ``incident`` and ``dossier``: what the stored events add up to
across articles, and the report on one dyad."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from armswatch.cli.common import DbOpt, db_path, err, fail
from armswatch.errors import ArmswatchError, OutputError
from armswatch.ledger.cli import pasted_id


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
