"""Quantities of weapon phrases as min/max ranges."""

from __future__ import annotations

import pytest

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    ("Russia is buying millions of artillery shells from North Korea.", 1e6, None),
    ("Iran will send up to six million rounds to Russia.", None, 6e6),
    ("Iran sent hundreds of drones to Russia.", 100, None),
    ("Iran sent 200 drones to Russia.", 200, 200),
    ("Belarus handed a dozen tanks to Russia.", 12, 12),
    ("North Korea shipped more than one million artillery rounds to Russia.", 1e6, None),
    ("North Korea sent 10,000 artillery shells to Russia.", 10_000, 10_000),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "low", "high"), CASES, ids=[c[0][:40] for c in CASES])
def test_quantity(analyzer: Analyzer, text: str, low: float | None, high: float | None) -> None:
    events = analyzer.analyze(Article(text=text)).events
    quantities = [i.quantity for e in events for i in e.items if i.quantity]
    assert quantities, f"no quantity in {[e.model_dump() for e in events]}"
    assert (quantities[0].min, quantities[0].max) == (low, high)
