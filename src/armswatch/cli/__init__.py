"""The ``armswatch`` command: thin typer wrappers over the library functions.

Errors are translated here, at one boundary (``Boundary.invoke``, around every command
and sub-command): library code raises ArmswatchError, and the CLI prints
``error: [AW0xx] message`` on stderr and exits 1. Commands need no handler of their own.

The commands live by subject in this package (``analyze``, ``evaluate``, ``run``,
``store``, ``incidents``, ``serve``) or beside their library (``sanctions.cli``,
``watch.cli``, ``ledger.cli``); they are registered below, in the order ``--help``
lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperGroup

from armswatch.cli.analyze import analyze_cli
from armswatch.cli.common import fail
from armswatch.cli.evaluate import eval_cli
from armswatch.cli.incidents import dossier_cli, incident_cli, incidents_cli
from armswatch.cli.run import load_cli, run_cli
from armswatch.cli.serve import page_cli, serve_cli
from armswatch.cli.store import export_cli, query_cli, stats_cli
from armswatch.errors import ArmswatchError

__all__ = ["app"]


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

COMMANDS: dict[str, Callable[..., None]] = {
    "analyze": analyze_cli, "eval": eval_cli, "run": run_cli, "load": load_cli,
    "query": query_cli, "export": export_cli, "serve": serve_cli, "dossier": dossier_cli,
    "stats": stats_cli, "incidents": incidents_cli, "incident": incident_cli, "page": page_cli,
}  # fmt: skip
"""The commands of this package by name, in the order ``--help`` lists them."""


def mount_commands() -> None:
    for name, command in COMMANDS.items():
        app.command(name)(command)


mount_commands()


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
