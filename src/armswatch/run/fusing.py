"""When a run fuses what it stored into incidents: every few seconds, and at its end.

Fusing is cheap for many articles at once and dear for a few at a time (each touched
incident costs a handful of queries), so the engines do not fuse after every batch. A
run fuses when ``ARMSWATCH_FUSE_INTERVAL`` seconds have passed since it last did, and
once more at its end; a long stream therefore shows its incidents with that delay, and
a short run shows them when it finishes.

Each fusion takes every stored event not yet in an incident, not only this run's: the
articles an interrupted run stored and never fused are fused by the next run. Each
incident a fusion adds or changes gets a ``history`` row naming the run and the
extractor fingerprint of its analyses (``fuse.update``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from armswatch.fuse.update import FuseReport, update_incidents
from armswatch.ledger.history import Stamp
from armswatch.settings import int_setting
from armswatch.store.sql import rows_of
from armswatch.store.store import Store
from armswatch.store.writer import Batch


class IncidentFusion:
    """Fuses a run's stored batches into incidents, at most every ``interval_s`` seconds.

    interval_s (float | None): None reads ``ARMSWATCH_FUSE_INTERVAL``; 0 fuses after
        every batch that stored something.
    run_id (str | None): the run, named in the history rows of the incidents it changes.
    """

    def __init__(
        self,
        store: Store,
        interval_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        run_id: str | None = None,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.fingerprint: str | None = None
        self.interval_s = (
            int_setting("ARMSWATCH_FUSE_INTERVAL") if interval_s is None else interval_s
        )
        self.clock = clock
        self.last = clock()
        self.pending = False
        self.reports: list[FuseReport] = []

    def stored(self, batch: Batch) -> None:
        """Note a committed batch; fuse if it stored articles and fusing is due."""
        self.pending = self.pending or batch.stored > 0
        if self.pending and self.clock() - self.last >= self.interval_s:
            self.fuse()

    def finish(self) -> None:
        """The end of the run: fuse whatever is left (also an interrupted run's leftovers)."""
        self.fuse()

    def fuse(self) -> FuseReport:
        report = update_incidents(self.store, stamp=Stamp(self.run_fingerprint(), self.run_id))
        self.reports.append(report)
        self.pending, self.last = False, self.clock()
        return report

    def run_fingerprint(self) -> str | None:
        """The extractor fingerprint of the analyses this run stored (once one is stored)."""
        if self.fingerprint is None and self.run_id is not None:
            found = rows_of(
                self.store.con,
                "SELECT any_value(fingerprint) AS fingerprint FROM articles WHERE run_id = ?",
                [self.run_id],
            )
            self.fingerprint = found[0]["fingerprint"] if found else None
        return self.fingerprint
