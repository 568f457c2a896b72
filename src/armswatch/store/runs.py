"""The ``runs`` table: a row when a run starts, its counts with every batch, its end.

A run killed with ``kill -9`` keeps status ``running``. When a new run opens the store,
``mark_interrupted`` sets every ``running`` row whose process is gone to ``interrupted``
and returns it to be reported (a live run may be between batches: it is left alone).
Its committed batches are kept (and skipped by the next run).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Sequence
from datetime import UTC

import duckdb
import psutil  # type: ignore[import-untyped]

from armswatch import __version__
from armswatch.store.columns import nest
from armswatch.store.records import RunRecord, RunStatus, utc_now
from armswatch.store.sql import insert_records, rows_of
from armswatch.store.tables import TABLE

ACTIVE: set[str] = set()
"""The runs this process started and has not finished."""


def new_run_id() -> str:
    """A sortable, readable run id: UTC start time plus a random suffix."""
    return f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def start_run(
    con: duckdb.DuckDBPyConnection,
    command: str,
    sources: Sequence[str],
    workers: int = 1,
    batch_size: int = 0,
) -> RunRecord:
    """Record a new run as ``running`` and return it."""
    run = RunRecord(
        id=new_run_id(),
        command=command,
        sources=[str(s) for s in sources],
        started_at=utc_now(),
        workers=workers,
        batch_size=batch_size,
        host=socket.gethostname(),
        pid=os.getpid(),
        version=__version__,
    )
    insert_records(con, "runs", [run])
    ACTIVE.add(run.id)
    return run


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: RunStatus, message: str | None = None
) -> RunRecord:
    """Record the end of a run; its counts stay as its writer saved them. RETURNS the run."""
    ACTIVE.discard(run_id)
    con.execute(
        "UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ?",
        [status, utc_now(), message, run_id],
    ).fetchall()
    return load_runs(con, "id = ?", [run_id], limit=1)[0]


def load_runs(
    con: duckdb.DuckDBPyConnection,
    where: str = "TRUE",
    params: Sequence[object] = (),
    limit: int = 20,
) -> list[RunRecord]:
    """Runs matching a SQL condition, the latest first."""
    rows = rows_of(
        con, f"SELECT * FROM runs WHERE {where} ORDER BY started_at DESC LIMIT ?", [*params, limit]
    )
    return [RunRecord.model_validate(nest(row, TABLE["runs"].columns)) for row in rows]


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> list[RunRecord]:
    """Set every run still ``running`` whose process is gone to ``interrupted``; RETURNS
    them, updated. A run on this machine whose process still lives is left alone: runs let
    go of the store between batches, so another run may be writing too."""
    running = load_runs(con, "status = 'running'", limit=1_000_000)
    stale = [run for run in running if not still_running(run)]
    message = "did not finish (the process was killed or crashed); its stored batches are kept"
    return [finish_run(con, run.id, "interrupted", message) for run in stale]


def still_running(run: RunRecord) -> bool:
    """Whether the process of ``run`` (on this host) is alive and began before the run."""
    if run.host != socket.gethostname() or not run.pid:
        return False
    if run.pid == os.getpid():
        return run.id in ACTIVE
    try:
        started = float(psutil.Process(run.pid).create_time())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    begun = run.started_at.replace(tzinfo=UTC).timestamp()
    return started <= begun + 1  # else a later process reused the pid
