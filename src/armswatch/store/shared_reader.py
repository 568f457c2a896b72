"""The server's one read-only connection, shared by its requests and let go when a
writer asks for the store (``store.turns``; docs/store.md, "Readers and the writer")."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from armswatch.store.memo import Memo
from armswatch.store.turns import file_state, marker_state
from armswatch.store.view import View, open_view


class SharedReader:
    """One read-only connection that a server's requests share (a cursor each), let go
    when a writer asks for the store (``ask_for_turn``), after ``idle_s`` without
    requests, and at the latest after ``hold_s``.

    Opening a DuckDB file, and loading the lookup indexes a query uses again, costs more
    than most dashboard queries; keeping one connection saves that on every request. When
    a writer waits, new requests wait for the ones in flight, the file is closed, and it
    is opened again ``turn_s`` later: the writer, retrying for the store (``db.connect``),
    takes it then, and the requests wait for its batch (up to ``ARMSWATCH_LOCK_WAIT``).
    """

    def __init__(
        self,
        path: Path,
        hold_s: float = 60.0,
        turn_s: float = 0.25,
        idle_s: float = 0.5,
        readers: int = 0,
    ) -> None:
        """readers (int): requests that read at the same time (0: any number); the
        others wait for a slot, first come first served."""
        self.path, self.hold_s, self.turn_s, self.idle_s = path, hold_s, turn_s, idle_s
        self.slots = threading.Semaphore(readers) if readers > 0 else None
        self.last_used = 0.0
        self.cond = threading.Condition()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.tables: frozenset[str] | None = None
        self.opened_at = 0.0
        self.asked_at_open: int | None = None
        self.closed_at = -turn_s
        self.users = 0
        self.writers = 0
        self.memo = Memo()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Close the shared connection and hold new requests back while this process
        writes the store (``POST /api/ingest``: DuckDB refuses a writing connection in a
        process that has the file open read-only)."""
        with self.cond:
            self.writers += 1
            while self.users:
                self.cond.wait(0.05)
            self.close()
        try:
            yield
        finally:
            with self.cond:
                self.writers -= 1
                self.cond.notify_all()

    @contextmanager
    def view(self) -> Iterator[View]:
        """A View on a cursor of the shared connection, for one request (after a
        free slot: ``readers`` at a time)."""
        with self.slots or contextlib.nullcontext():
            cursor, tables = self.acquire()
            try:
                yield View(self.path, cursor, tables, self.memo)
            finally:
                with contextlib.suppress(duckdb.Error):
                    cursor.close()
                self.release()

    def release(self) -> None:
        with self.cond:
            self.users -= 1
            self.cond.notify_all()
            if not self.users:  # idle: let go soon unless a request comes
                self.last_used = time.monotonic()
                timer = threading.Timer(self.idle_s, self.close_if_idle)
                timer.daemon = False  # a daemon closing DuckDB at exit can abort the process
                timer.start()

    def close_if_idle(self) -> None:
        """Close the connection if no request used it for ``idle_s``: an idle dashboard
        holds no lock."""
        with self.cond:
            if not self.users and time.monotonic() - self.last_used >= self.idle_s * 0.9:
                self.close()

    def writer_waits(self) -> bool:
        """Whether a writer asked for the store since it was opened (or it was held
        ``hold_s``, for a writer whose marker this reader cannot see)."""
        if time.monotonic() - self.opened_at >= self.hold_s:
            return True
        asked = marker_state(self.path)
        return asked is not None and asked != self.asked_at_open

    def acquire(self) -> tuple[duckdb.DuckDBPyConnection, frozenset[str] | None]:
        """A cursor for one request (and the store's tables, read once per opening)."""
        with self.cond:
            while True:
                if self.writers:
                    self.cond.wait(0.05)
                    continue
                if self.con is not None and not self.writer_waits():
                    self.users += 1
                    return self.con.cursor(), self.tables
                if self.con is not None:  # the writer's turn: drain, then let go
                    if self.users:
                        self.cond.wait(0.05)
                        continue
                    self.close()
                    continue
                pause = self.turn_s - (time.monotonic() - self.closed_at)
                if pause > 0:  # the writer takes the store meanwhile
                    self.cond.wait(pause)
                    continue
                self.open()

    def open(self) -> None:
        self.asked_at_open = marker_state(self.path)
        view = open_view(self.path)
        self.con, self.tables = view.con, view.tables()
        self.memo.at_state(file_state(self.path))  # held open now: no writer changes it
        self.opened_at = time.monotonic()

    def close(self) -> None:
        """Close the shared connection (requests in flight must have finished)."""
        if self.con is not None:
            with contextlib.suppress(duckdb.Error):
                self.con.close()
            self.con, self.tables, self.closed_at = None, None, time.monotonic()
