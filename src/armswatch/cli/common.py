"""What every command of the ``armswatch`` app shares: the error console, the one way a
library error ends a command, and the ``--db`` option."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from armswatch.errors import ArmswatchError

err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(exc: ArmswatchError) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(code=1)


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="The DuckDB file (default: $ARMSWATCH_DB or armswatch.duckdb)."),
]


def db_path(db: Path | None) -> Path:
    from armswatch.settings import get_setting

    return db or Path(get_setting("ARMSWATCH_DB"))
