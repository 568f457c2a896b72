"""The serving process's heap, settled once at start so that the cycle collector does
not stop every request in flight.

CPython's collector walks every object of the generations it collects. After the app
is made and the knowledge the pages read is loaded, the process holds about 240,000
objects (the knowledge base, the routes and pydantic's schemas), none of them garbage;
under load, a full collection walked them all every second or so and took 220–410 ms,
and every request in flight waited for it. ``settle`` moves those objects out of the
collector's sight (``gc.freeze``), and lets the young generation grow to
``YOUNG_OBJECTS`` allocations before it is collected, so that a request's objects
mostly die young instead of being walked again in the older generations.

Measured with ``bench/api_load.py`` (1M events, 20 clients, answer cache off, one
process): p95 327 ms with the collector's defaults, 61 ms settled (docs/api.md, "Under
load"). Cycles are still collected: only how often, and over what, changes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from armswatch.fuse.provenance import outlet_ids
from armswatch.kb import load_kb
from armswatch.ledger.fingerprint import current_fingerprint
from armswatch.queries.common import names
from armswatch.queries.params import country_codes
from armswatch.queries.places import places
from armswatch.sanctions.explain import kb_names
from armswatch.sanctions.regions import load_regions
from armswatch.sanctions.rulebook import load_rulebook
from armswatch.store.registry import all_tables
from armswatch.web.render import environment

YOUNG_OBJECTS = 50_000
"""Allocations (less deallocations) before the youngest generation is collected
(CPython's default: 700)."""

KNOWLEDGE: tuple[Callable[[], Any], ...] = (
    load_kb,
    load_rulebook,
    load_regions,
    kb_names,
    names,
    country_codes,
    places,
    outlet_ids,
    current_fingerprint,
    all_tables,
    environment,
)
"""What the pages load on first use (each kept for the process's life): loaded before
the heap is frozen, so that it is frozen too."""


def settle() -> None:
    """Load what the pages need, freeze the heap as it is, raise the young threshold."""
    for load in KNOWLEDGE:
        load()
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
