"""Peak resident memory of a process tree, sampled in a thread (bench/scale.py, bench/memory.py)."""

from __future__ import annotations

import threading

import psutil


class PeakRss:
    """Peak resident memory (MB) of a process (default: this one) and its children while
    the block runs."""

    def __init__(self, interval: float = 0.05, root: psutil.Process | None = None) -> None:
        self.interval = interval
        self.root = root
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _sample(self) -> int:
        me = self.root or psutil.Process()
        try:
            total = me.memory_info().rss
        except psutil.Error:  # the process has ended
            return 0
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())

    @property
    def mb(self) -> float:
        return self.peak / 2**20
