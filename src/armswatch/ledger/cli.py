"""``armswatch reanalyze``, ``history`` and ``review``: thin typer commands over the ledger."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from armswatch.errors import ArmswatchError, InvalidRequestError

err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOpt = Annotated[
    Path | None, typer.Option("--db", help="The DuckDB store (default: $ARMSWATCH_DB).")
]


class ReviewStatusOpt(StrEnum):
    confirmed = "confirmed"
    rejected = "rejected"
    unsure = "unsure"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def pasted_id(value: str | None) -> str | None:
    """An id as typed or pasted, without surrounding whitespace: ids copied from
    ``query --format csv`` carry its CRLF line ends ("ev_…\\r"). A typer callback."""
    return None if value is None else value.strip()


def fail(exc: ArmswatchError) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(code=1)


def db_path(db: Path | None) -> Path:
    from armswatch.settings import get_setting

    return db or Path(get_setting("ARMSWATCH_DB"))


def checked_date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise typer.BadParameter(f"--since {text!r}: not an ISO date (YYYY-MM-DD)") from None


def reanalyze_cli(
    stale: Annotated[
        bool, typer.Option("--stale", help="Texts whose extractor fingerprint differs (default).")
    ] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every current text.")] = False,
    since: Annotated[
        str | None, typer.Option(help="Only articles published (else stored) on or after DATE.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Analysis processes (default 1).")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Articles per transaction (default 64).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per committed batch.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Analyse stored texts again with the current extractor; update events, findings and
    incidents in place, with a history row for each change (see docs/ledger.md)."""
    from armswatch.ledger.reanalyze import ReanalyzeOptions, reanalyze
    from armswatch.settings import int_setting

    if stale and all_:
        raise typer.BadParameter("--stale and --all exclude each other")
    try:
        options = ReanalyzeOptions(
            scope="all" if all_ else "stale",
            since=checked_date(since),
            workers=workers or int_setting("ARMSWATCH_WORKERS", minimum=1),
            batch_size=batch_size,
            dry_run=dry_run,
            progress=progress,
            verbose=verbose,
        )
        summary = reanalyze(db_path(db), options, say=lambda line: err.print(line, markup=False))
    except ArmswatchError as exc:
        raise fail(exc) from exc
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        for line in summary.lines():
            typer.echo(line)


def history_cli(
    subject: Annotated[
        str,
        typer.Argument(help="An event (ev_…), finding (fi_…) or incident id.", callback=pasted_id),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one change a line.")] = False,
    db: DbOpt = None,
) -> None:
    """What changed about an event, finding or incident (and its events), oldest first."""
    from armswatch.ledger.history import history_of
    from armswatch.store.view import open_view

    try:
        with open_view(db_path(db)) as view:
            changes = history_of(view.con, subject)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    if as_json:
        for change in changes:
            typer.echo(change.model_dump_json())
        return
    if not changes:
        typer.echo(f"{subject}: no changes recorded")
        return
    for change in changes:
        fields = f" ({', '.join(change.fields)})" if change.fields else ""
        typer.echo(
            f"{change.at:%Y-%m-%d %H:%M:%S}  {change.kind} {change.subject} "
            f"{change.change}{fields}  {change.fingerprint or ''}".rstrip()
        )


def review_cli(
    target: Annotated[
        str,
        typer.Argument(
            help="An event or incident id to review, or `list`.",
            metavar="ID|list",
            callback=pasted_id,
        ),
    ],
    status: Annotated[
        ReviewStatusOpt | None,
        typer.Option(help="The verdict (to review); with `list`, only reviews of this status."),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why, in a sentence.")] = None,
    by: Annotated[str | None, typer.Option(help="Who reviews.")] = None,
    output: Annotated[
        ListFormat, typer.Option("--format", help="`list`: table or json (one object a line).")
    ] = ListFormat.table,
    recheck: Annotated[
        bool, typer.Option("--recheck", help="`list`: only reviews flagged for a second look.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Review an event or incident (`review ID --status confirmed|rejected|unsure`), or
    list the reviews (`review list [--status S] [--format json]`)."""
    try:
        if target == "list":
            list_reviews(db_path(db), status, output, recheck)
            return
        if status is None:
            raise InvalidRequestError(f"review {target}: --status confirmed|rejected|unsure")
        record_review(db_path(db), target, status.value, note, by)
    except ArmswatchError as exc:
        raise fail(exc) from exc


def record_review(db: Path, subject: str, status: str, note: str | None, by: str | None) -> None:
    from armswatch.ledger.reanalyze import require_store
    from armswatch.ledger.review import set_review
    from armswatch.store.store import open_store

    require_store(db)
    with open_store(db) as store:
        review = set_review(store.con, subject, status, note, by)
    typer.echo(f"{review.kind} {review.id}: {review.status}" + (f" ({note})" if note else ""))


def list_reviews(
    db: Path, status: ReviewStatusOpt | None, output: ListFormat, recheck: bool
) -> None:
    from armswatch.ledger.review import review_json, reviews
    from armswatch.store.view import open_view

    with open_view(db) as view:
        found = reviews(
            view.con, status.value if status else None, recheck=True if recheck else None
        )
    if output is ListFormat.json:
        for review in found:
            typer.echo(json.dumps(review_json(review)))
        return
    table = Table("kind", "status", "note", "by", "at", "second look")
    table.add_column("id", no_wrap=True)
    for r in found:
        second = f"yes: {r.recheck_reason}" if r.recheck else ""
        at = f"{r.at:%Y-%m-%d %H:%M}"
        table.add_row(r.kind, r.status, r.note or "", r.by or "", at, second, r.id)
    Console(highlight=False).print(table)
