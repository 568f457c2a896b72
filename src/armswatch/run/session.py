"""A run's life in the store, shared by the Dask engine and ``load``: begin, then conclude.

``begin`` marks runs left ``running`` by a dead process as interrupted (and says so) and
records the new run; ``conclude`` runs the body and records how the run ended, also
when it fails, as the local engine does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from armswatch.run.progress import Say
from armswatch.store.records import RunRecord, RunStatus
from armswatch.store.store import Store
from armswatch.store.writer import StoreWriter


def begin(
    store: Store, command: str, sources: Sequence[str], workers: int, size: int, say: Say
) -> tuple[RunRecord, list[RunRecord]]:
    """The new run, and the earlier runs now found interrupted."""
    interrupted = store.mark_interrupted()
    for old in interrupted:
        say(
            f"note: run {old.id} (started {old.started_at:%Y-%m-%d %H:%M:%S} UTC) was "
            f"interrupted after storing {old.articles_stored} articles; they are kept"
        )
    return store.start_run(command, list(sources), workers, size), interrupted


def conclude(store: Store, writer: StoreWriter, body: Callable[[], None], what: str) -> RunRecord:
    """Run ``body`` and record the end of the run; RETURNS the finished run.

    what (str): the inputs, for the message of a run that read nothing.
    """
    try:
        body()
        writer.flush()
    except BaseException as exc:
        status: RunStatus = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        with contextlib.suppress(Exception):  # the store may be what failed (disk full)
            store.finish_run(writer.run, status, f"{type(exc).__name__}: {exc}")
        raise
    if writer.run.articles_read == 0:
        return store.finish_run(writer.run, "failed", f"no article could be read from {what}")
    return store.finish_run(writer.run, "completed")
