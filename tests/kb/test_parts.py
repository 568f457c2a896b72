"""Parts named by what they are for are components ('parts for drones'), and support
vehicles of a system have their own category (invented sentences)."""

from __future__ import annotations

import pytest

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    ("parts for drones", "Parts for Iranian drones were sold to Venezuela by Iran.",
     {"components"}),
    ("engines of tanks", "Germany supplied engines for Turkish tanks to Turkey.",
     {"components"}),
    ("the drones themselves", "Iran sold Shahed-136 drones to Venezuela.", {"uav"}),
    ("a resupply vehicle beside its howitzer",
     "Norway will import 24 K9 howitzers and 6 K10 ammunition resupply vehicles from South Korea.",
     {"artillery", "armoured_vehicle"}),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "categories"), CASES, ids=[c[0] for c in CASES])
def test_item_categories(analyzer: Analyzer, name: str, text: str, categories: set[str]) -> None:
    events = [
        e
        for e in analyzer.analyze(Article(text=text, published="2024-05-02")).events
        if e.type == "arms_transfer"
    ]
    assert events, name
    assert {i.category for i in events[0].items} == categories
