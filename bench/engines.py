"""Adapters from the scale benchmark to the run engines, used when they exist.

``find_engine`` returns a callable that runs an engine end to end (JSON Lines file →
analyses → a fresh DuckDB store), or the reason it is not available; the benchmark then
prints "n/a (not available)". The names here are the whole contract between
bench/scale.py and the engines; adjust them here when they change:

- ``armswatch.run.local.run_local(sources, db_path, RunOptions(workers=N))``
- ``armswatch.run.dask.run_dask(sources, db_path, RunOptions(workers=N))``
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Engine = Callable[[Path, int], None]
"""Run the engine over a JSON Lines file with this many workers."""

LOCAL = ("armswatch.run.local", "run_local")
DASK = ("armswatch.run.dask", "run_dask")


def find(module: str, name: str) -> Any | str:
    """The attribute ``module.name``, or why it cannot be had."""
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        return f"{module} not importable ({exc.name or exc})"
    return getattr(found, name, None) or f"{module} has no {name}"


def find_engine(where: tuple[str, str]) -> Engine | str:
    """The engine at ``where``, run as the CLI runs it: each run loads its own model (in
    this process for one local worker), so every engine row pays its start-up."""
    run = find(*where)
    options = find("armswatch.run.local", "RunOptions")
    if isinstance(run, str) or isinstance(options, str):
        return run if isinstance(run, str) else str(options)

    def engine(source: Path, workers: int) -> None:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "bench.duckdb"
            run([source], db, options(workers=workers, progress=False))

    return engine
