"""``armswatch serve`` and ``page``: the REST API and dashboard, and any page's JSON twin
printed without a server."""

from __future__ import annotations

from typing import Annotated

import typer

from armswatch.cli.common import DbOpt, db_path, err, fail
from armswatch.errors import ArmswatchError
from armswatch.ledger.cli import pasted_id


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
