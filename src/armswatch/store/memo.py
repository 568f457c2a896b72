"""Small query results kept while the store is unchanged (a server's shared reader).

The server's read-only connection (``store.shared_reader``) sees one state of the store
for as long as it is open: no writer gets the file meanwhile (``store.turns``). Results
computed on it, such as the total of a list's filter, stay right until the store
changes, so the reader keeps them in a ``Memo`` and checks, each time it opens the file
again, whether the file is still the one they were computed on (``turns.file_state``);
if not, they are dropped. Only a few small results are kept: the answers themselves are
the API's answer cache (``api.cache``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from armswatch.store.turns import FileState

T = TypeVar("T")


class Memo:
    """At most ``max_entries`` results by key, of one state of the store; least recently
    used dropped first."""

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self.state: FileState | None = None
        self.found: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def at_state(self, state: FileState) -> None:
        """The store is at ``state`` now: drop the results of any other."""
        with self.lock:
            if state != self.state:
                self.found.clear()
                self.state = state

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept result for ``key``, else ``compute()``'s (then kept)."""
        with self.lock:
            if key in self.found:
                self.hits += 1
                self.found.move_to_end(key)
                kept: T = self.found[key]
                return kept
            self.misses += 1
            state = self.state
        value = compute()  # outside the lock: other requests go on meanwhile
        with self.lock:
            if state == self.state:  # not computed across a change of state
                self.found[key] = value
                while len(self.found) > self.max_entries:
                    self.found.popitem(last=False)
        return value
