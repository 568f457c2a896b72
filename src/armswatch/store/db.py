"""Opening the DuckDB file: settings, migrations, and DuckDB errors as ArmswatchErrors.

DuckDB lets one process open a file for writing (and then no other process may open it
at all). ``connect`` waits for a store held by another process, retrying for up to
``ARMSWATCH_LOCK_WAIT`` seconds (a run lets go between batches, a server's reader when a
writer asks: ``store.turns``, docs/store.md), then raises ``StoreLockedError`` instead of
DuckDB's message.
A write that runs out
of space (``ENOSPC``, or ``EFBIG`` under a file-size limit) becomes ``DiskFullError``;
the transaction it was in is rolled back by DuckDB and the file stays consistent.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from armswatch.errors import DiskFullError, StoreError, StoreLockedError
from armswatch.settings import get_setting, int_setting
from armswatch.store.turns import ask_for_turn, done_waiting

_FULL = ("No space left on device", "File too large", "Disk is full", "disk full")
MEMORY_SETTINGS = ("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "ARMSWATCH_DUCKDB_READ_MEMORY_LIMIT")


def memory_setting(read_only: bool) -> str:
    """The setting with DuckDB's memory limit for writing, or for reading."""
    return MEMORY_SETTINGS[1] if read_only else MEMORY_SETTINGS[0]


def connect(
    path: Path,
    *,
    read_only: bool = False,
    external_access: bool = True,
    memory: str | None = None,
    wait_s: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection with armswatch's limits; StoreError subclasses when it cannot be had.

    external_access (bool): False forbids SQL from reading or writing files (and
        locks the configuration), for connections that run user queries.
    memory (str | None): the setting with the memory limit (default: the writing or
        the reading one, by ``read_only``).
    wait_s (int | None): how long to retry while another process holds the store
        (default: ``ARMSWATCH_LOCK_WAIT``).
    """
    if read_only and not path.is_file():
        raise StoreError(f"no database at {path} (create one with `armswatch run`)")
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": get_setting(memory or memory_setting(read_only)),
        "threads": str(int_setting("ARMSWATCH_DUCKDB_THREADS", minimum=1)),
    }
    if not external_access:
        config |= {"enable_external_access": "false", "lock_configuration": "true"}
    wait = int_setting("ARMSWATCH_LOCK_WAIT") if wait_s is None else wait_s
    deadline = time.monotonic() + wait
    pause, asked = 0.02, False
    while True:
        try:
            with translated(path):
                con = duckdb.connect(str(path), read_only=read_only, config=config)
        except StoreLockedError as exc:
            if time.monotonic() + pause > deadline:
                if wait:
                    exc.message += f" (waited {wait} s: ARMSWATCH_LOCK_WAIT)"
                    exc.args = (f"[{exc.code}] {exc.message}",)
                raise
        else:
            if asked:
                done_waiting(path)
            return con
        if not read_only:  # a server's reader lets go when a writer asks (store.turns)
            ask_for_turn(path)
            asked = True
        time.sleep(pause)  # the other process holds it for a batch or a request: retry
        pause = min(pause * 2, 0.2)


INDEX_BYTES_PER_ROW = 40
"""Memory a lookup index takes per indexed row once DuckDB has loaded it (measured about
30: 209 MB for the dashboard's indexes over 1M events in ``bench/scale.py``)."""
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?I?B)?\s*$", re.IGNORECASE)


def size_bytes(setting: str) -> int:
    """A DuckDB memory size ('128MB', '1GB', '512MiB') in bytes (MB: 1000², MiB: 1024²)."""
    found = SIZE.match(setting)
    if found is None:
        raise StoreError(f"ARMSWATCH_DUCKDB_MEMORY_LIMIT={setting!r} is not a size like 128MB")
    unit = (found.group(2) or "B").upper()
    power = "BKMGT".index(unit[0]) if unit != "B" else 0
    return int(float(found.group(1)) * (1024 if "I" in unit else 1000) ** power)


def make_room_for_indexes(con: duckdb.DuckDBPyConnection) -> int:
    """Set a writing connection's memory limit to ``ARMSWATCH_DUCKDB_MEMORY_LIMIT`` (the
    buffer pool) plus what the lookup indexes take in memory: DuckDB keeps an index whole
    once a statement uses it, and inserts use them all. Called when a store opens and
    after every batch, as the indexes grow; RETURNS the bytes added."""
    rows = con.execute(
        "SELECT coalesce(sum(t.estimated_size), 0) FROM duckdb_indexes() i "
        "JOIN duckdb_tables() t ON t.table_name = i.table_name"
    ).fetchall()
    extra = int(rows[0][0]) * INDEX_BYTES_PER_ROW
    total = size_bytes(get_setting(MEMORY_SETTINGS[0])) + extra
    current = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    if total > size_bytes(str(current).replace("bytes", "B")):  # never lower it in use
        con.execute(f"SET memory_limit = '{total // 2**20}MiB'").fetchall()
    return extra


def translate(exc: duckdb.Error | OSError, path: Path) -> StoreError:
    """The StoreError that says what a DuckDB (or OS) error means for ``path``."""
    text = str(exc).strip()
    if "Could not set lock" in text:
        pid = re.search(r"\(PID (\d+)\)", text)
        who = f" (PID {pid.group(1)})" if pid else ""
        return StoreLockedError(
            f"{path} is in use by another process{who}; wait for it to finish or use another --db"
        )
    if "same database file with a different configuration" in text:
        return StoreLockedError(f"{path} is open already in this process (for writing)")
    if any(marker in text for marker in _FULL):
        reason = next(m for m in _FULL if m in text)
        return DiskFullError(
            f"cannot write {path}: {reason.lower()}; the batch being written was rolled back "
            "and everything stored before it is kept: free some space and run the same "
            "command again"
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    if "failed to pin block" in text or "Out of Memory" in text:
        limits = ", ".join(f"{name}={get_setting(name)}" for name in MEMORY_SETTINGS)
        first += f" (raise the memory limit, {limits}, and run again)"
    return StoreError(f"{path}: {first}")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise DuckDB and OS errors inside the block as StoreErrors."""
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        raise translate(exc, path) from None


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if DuckDB has not done it already."""
    with contextlib.suppress(duckdb.Error):
        con.rollback()
