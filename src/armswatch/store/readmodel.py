"""The read model: what the busiest pages read, in a SQLite file beside the store.

DuckDB scans millions of rows fast but answers a lookup by key slowly: one row by its
index costs about 3 ms of CPU, so a page of 50 events with their parts, or one event with
its article and findings, costs 10–70 ms however small it is. The read model keeps what
the lists and the event and incident pages show, already sorted and joined, in a SQLite
file (``<store>.pages``), where a page of 50 rows costs about 0.15 ms and one row 0.02 ms
(``bench/api_load.py``, figures in ``bench/RESULTS.md``). Its parts:

- ``store.pages``: the lists' rows and, per filter (a facet), their order;
- ``store.docs``: each event as stored with its findings and incident, each incident
  with its claims.

It is derived data, never the only copy of anything. ``Store.open`` marks it stale in
the store (``page_state``); at its close the writer records the state it left
(``settle``: a fingerprint of the tables the read model comes from), lets go of the
store, and then rebuilds the file whole if it was built from another state, on a
read-only connection (``build_after_writer``), so readers, in other processes too, read
the store meanwhile instead of waiting for the build. A server that wrote the store
itself (a review, an ingest) builds in a process of its own, stopped when a writer wants
the store (``SharedReader.build_read_model_later``). A build writes a new file and
renames it over the old one, so a reader sees the old file or the new one, never a
half-built one. While a writer holds the store, after one that crashed, and while the
file is missing or built from another state, ``connection`` answers None and the pages
run their own queries on the store: the answer is the same either way, only slower.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import duckdb

from armswatch.store.records import utc_now
from armswatch.store.sql import scalar

if TYPE_CHECKING:
    from armswatch.store.view import View

LOG = logging.getLogger(__name__)
T = TypeVar("T")
SUFFIX = ".pages"
FORMAT = 1
"""The layout of the file; a file of another layout is rebuilt (and not read meanwhile)."""


def read_model_path(db: Path) -> Path:
    """The read model of the store at ``db``: ``<db>.pages`` beside it."""
    return db.with_name(db.name + SUFFIX)


SOURCES: dict[str, str] = {
    "events": "events",
    "actors": "actors",
    "items": "items",
    "evidence": "evidence",
    "attributions": "attributions",
    "findings": "findings",
    "articles": "sha256, current, id, title, outlet, url, published",
    "incidents": "incidents",
    "incident_events": "event_id, incident_id",
    "claims": "claims",
    "reviews": "id, kind, status",
}
"""The tables the read model is made of, and what of each row it shows (the table's
name: the whole row): what ``source_fingerprint`` hashes."""


def source_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of what the read model shows: per source table its row count and the
    sum of its rows' hashes (any insert, update or delete changes it), and ``FORMAT``."""
    parts = [
        f"(SELECT count(*) || '.' || coalesce(sum(hash({columns})::HUGEINT), 0) FROM {table})"
        for table, columns in SOURCES.items()
    ]
    return f"{FORMAT}:" + str(scalar(con, f"SELECT concat_ws(':', {', '.join(parts)})"))


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Readers must not use the read model until ``refresh`` (a writer opened the store:
    whatever it writes is not in it)."""
    con.execute("UPDATE page_state SET fresh = false WHERE fresh").fetchall()


class Interrupted(Exception):
    """A build given up because a writer wants the store (its close builds again)."""


def settle(con: duckdb.DuckDBPyConnection) -> str:
    """Record, in the writer's last transaction (``con``), the state of the store the
    read model must be built from (``page_state``); RETURNS its fingerprint. From then on
    readers use only a file built from this state: the old one is not read, and any
    connection to the store can build the new one (``bring_up_to_date``)."""
    fingerprint = source_fingerprint(con)
    con.execute(
        "UPDATE page_state SET fresh = true, fingerprint = ?, built_at = ?",
        [fingerprint, utc_now()],
    ).fetchall()
    return fingerprint


def build_after_writer(db: Path) -> bool:
    """Bring the read model of the store at ``db`` up to date on a read-only connection
    of its own, once the writer has let go: readers, in other processes too, read the
    store meanwhile instead of waiting for the build, and a writer that asks for the store
    (``store.turns``) stops it (its own close builds again). The connection has the
    writer's memory limit (``ARMSWATCH_DUCKDB_MEMORY_LIMIT``): the build is the writer's
    work. RETURNS whether it built it; False too when a writer has the store again or
    the build failed (logged in one line: derived data, the pages use their queries)."""
    from armswatch.errors import StoreError
    from armswatch.store.db import MEMORY_SETTINGS, connect
    from armswatch.store.turns import marker_state

    asked = marker_state(db)
    stopped = lambda: marker_state(db) not in (None, asked)  # noqa: E731 -- a writer asked
    try:  # not waiting: a writer that has the store again builds at its own close
        con = connect(db, read_only=True, memory=MEMORY_SETTINGS[0], wait_s=0)
        with contextlib.closing(con):
            con.execute("SET enable_progress_bar = false")  # nobody watches it (a server's log)
            return bring_up_to_date(con, db, stopped)
    except (StoreError, Interrupted):
        return False
    except (duckdb.Error, sqlite3.Error, OSError) as exc:
        first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        LOG.warning("%s: read model not rebuilt, pages are slower until then: %s", db, first)
        return False


def refresh(con: duckdb.DuckDBPyConnection, db: Path) -> bool:
    """Settle the store at ``db`` (whose writer is ``con``) and build its read model on
    ``con`` if the file was not built from that state. RETURNS whether it built it."""
    settle(con)
    return bring_up_to_date(con, db)


def bring_up_to_date(
    con: duckdb.DuckDBPyConnection, db: Path, stopped: Callable[[], bool] = lambda: False
) -> bool:
    """Build the read model of the store at ``db`` on ``con`` (a writer's or a reader's
    connection) if the file beside it was not built from the state the last writer
    settled; RETURNS whether it built it. Raises Interrupted once ``stopped()`` is true."""
    fingerprint = scalar(con, "SELECT fingerprint FROM page_state WHERE fresh")
    path = read_model_path(db)
    if fingerprint is None or built_from(path) == fingerprint:
        return False
    build(con, path, str(fingerprint), stopped)
    return True


def build(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    fingerprint: str,
    stopped: Callable[[], bool] = lambda: False,
) -> None:
    """Write the read model into a new file beside ``path``, then rename it over ``path``
    (nothing is renamed when ``stopped()`` turns true meanwhile: Interrupted)."""
    from armswatch.store import docs, pages

    remove_leftovers(path)
    building = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.building")
    building.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(building, isolation_level=None)
        try:
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            target.executescript(LAYOUT + pages.LAYOUT + docs.LAYOUT)
            target.execute("BEGIN")
            pages.build(con, target, stopped)
            docs.build(con, target, stopped)
            built = [fingerprint, FORMAT, utc_now().isoformat()]
            target.execute("INSERT INTO meta VALUES (?, ?, ?)", built)
            target.execute("COMMIT")
        finally:
            target.close()
        with open(building, "rb") as written:
            os.fsync(written.fileno())
        stop_point(stopped)
        os.replace(building, path)
    finally:
        building.unlink(missing_ok=True)


def remove_leftovers(path: Path) -> None:
    """Remove the half-built files of builders that died (killed, or a server stopped
    in the middle of a build): ``<path>.<pid>.….building`` of a process that is gone."""
    for leftover in path.parent.glob(f"{glob.escape(path.name)}.*.building"):
        pid = leftover.name[len(path.name) + 1 :].split(".", 1)[0]
        if pid.isdigit() and not process_exists(int(pid)):
            leftover.unlink(missing_ok=True)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def stop_point(stopped: Callable[[], bool]) -> None:
    """Raise Interrupted if ``stopped()`` (called between the steps of a build)."""
    if stopped():
        raise Interrupted("build stopped: a writer wants the store")


LAYOUT = "CREATE TABLE meta (fingerprint TEXT NOT NULL, format INTEGER NOT NULL, built_at TEXT);"
"""The read model's own table: what state of the store it was built from, and when."""


def built_from(path: Path) -> str | None:
    """The fingerprint the read model at ``path`` was built from (None: no usable file)."""
    try:
        with contextlib.closing(open_file(path)) as con:
            return fingerprint_of(con)
    except sqlite3.Error:
        return None


def fingerprint_of(con: sqlite3.Connection) -> str | None:
    """The fingerprint a read model was built from, None if it has another ``FORMAT``.
    Raises sqlite3.Error for a file that is no read model."""
    row = con.execute("SELECT fingerprint, format FROM meta").fetchone()
    return str(row[0]) if row and row[1] == FORMAT else None


def open_file(path: Path) -> sqlite3.Connection:
    """A read-only connection to a read model. The file is never changed in place (a new
    one is renamed over it), so SQLite need not lock it (``immutable``)."""
    if not path.exists():
        raise sqlite3.OperationalError(f"{path}: no such file")
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def fresh(view: View) -> str | None:
    """The fingerprint of the read model the store says is fresh, else None (kept per
    store state by a server's views)."""
    if "page_state" not in view.tables():
        return None
    query = "SELECT fingerprint FROM page_state WHERE fresh"
    found = view.remembered(query, (), lambda: scalar(view.con, query))
    return None if found is None else str(found)


class Connections(threading.local):
    """Per thread, the read models it has open: path → (file identity, fingerprint,
    connection). A file renamed over the old one has a new identity and is reopened."""

    def __init__(self) -> None:
        self.open: dict[Path, tuple[tuple[int, int], str | None, sqlite3.Connection]] = {}


CONNECTIONS = Connections()


def connection(view: View) -> sqlite3.Connection | None:
    """The read model of ``view``'s store, when the store says it is fresh and the file
    beside it was built from that state; else None (the caller queries the store)."""
    expected = fresh(view)
    if expected is None:
        return None
    path = read_model_path(view.path)
    try:
        stat = path.stat()
    except OSError:
        return None
    identity = (stat.st_ino, stat.st_mtime_ns)
    held = CONNECTIONS.open.get(path)
    if held is None or held[0] != identity:
        if held is not None:
            held[2].close()
        CONNECTIONS.open.pop(path, None)
        try:
            con = open_file(path)
        except sqlite3.Error:
            return None
        try:
            held = (identity, fingerprint_of(con), con)
        except sqlite3.Error:  # no read model: not kept open
            con.close()
            return None
        CONNECTIONS.open[path] = held
    return held[2] if held[1] == expected else None


def reading(view: View, read: Callable[[sqlite3.Connection], T]) -> T | None:
    """``read`` on the read model of ``view``'s store; None when it is not fresh, or when
    reading it fails (a damaged file: logged, and the caller queries the store)."""
    con = connection(view)
    if con is None:
        return None
    try:
        return read(con)
    except sqlite3.Error as exc:
        LOG.warning("%s: read model unreadable, reading the store: %s", view.path, exc)
        return None


def main(argv: list[str] | None = None) -> int:
    """``python -m armswatch.store.readmodel DB``: ``build_after_writer`` in a process of
    its own (a server starts it after its own writes: ``SharedReader``)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m armswatch.store.readmodel DB", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="armswatch: %(message)s")
    build_after_writer(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
