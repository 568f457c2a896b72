"""Readers and the writer taking turns at one DuckDB file (docs/store.md, "Readers and
the writer").

DuckDB lets one process open a file for writing, and then no other process may open it
at all. A writer that finds the store held retries (``db.connect``) and asks for its turn
by touching a marker beside the store (``<db>.waiting``); the server's reader
(``store.shared_reader``) keeps its read-only connection until a writer asks (or it is
idle), then lets go. The
writer removes the marker once it has the store. ``file_state`` tells readers whether
the store was written since they last looked (what the API's response cache keys on).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FileState = tuple[tuple[int, int, int] | None, ...]
"""(inode, size, mtime in ns) of the store file and of its write-ahead log (None: absent)."""


def waiting_marker(path: Path) -> Path:
    """The file a writer touches while it waits for the store (``<db>.waiting``)."""
    return path.with_name(path.name + ".waiting")


def ask_for_turn(path: Path) -> None:
    """Tell a reader holding the store that a writer waits (a best effort: a reader that
    does not see it still lets go when idle, or after its longest hold)."""
    with contextlib.suppress(OSError):
        waiting_marker(path).touch()


def done_waiting(path: Path) -> None:
    """The writer has the store: remove its marker."""
    with contextlib.suppress(OSError):
        waiting_marker(path).unlink()


def marker_state(path: Path) -> int | None:
    """When a writer last asked for the store (the marker's mtime in ns), None if none."""
    try:
        return waiting_marker(path).stat().st_mtime_ns
    except OSError:
        return None


def file_state(path: Path) -> FileState:
    """What every committed write changes: the store file's and its write-ahead log's
    identity, size and modification time (the log grows on each commit, the file changes
    on each checkpoint). Equal states mean an unchanged store: a reader's open connection
    keeps any writer out, so the file cannot change while a reader holds it."""
    found: list[tuple[int, int, int] | None] = []
    for name in (path, path.with_name(path.name + ".wal")):
        try:
            stat = os.stat(name)
        except OSError:
            found.append(None)
        else:
            found.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(found)
