# ruff: noqa: E501  (one sentence per table row)
"""Partners named by 'with' are the holder's: in 'Kenya held talks *with* Uganda and
Tanzania' Kenya meets each of them, though 'with' already names two parties
(extract/frames.py: a symmetric event with a 'with' phrase still reads its governing
subject). Without 'with', two named parties are enough: 'Turkey hosted talks *between*
Russia and Ukraine' leaves the host out.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

ROWS = [
    ("talks with two", "Kenya held talks with Uganda and Tanzania in Arusha.", "meeting",
     {("KEN", "UGA"), ("KEN", "TZA")}),
    ("drills with two", "Turkey conducted joint drills with Azerbaijan and Georgia.", "military_exercise",
     {("AZE", "TUR"), ("GEO", "TUR")}),
    ("talks with one", "Russia held talks with Iran.", "meeting", {("IRN", "RUS")}),
]  # fmt: skip


def pairs(analyzer: Analyzer, text: str, kind: str) -> set[tuple[str, ...]]:
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    return {tuple(sorted(keys(e.source) | keys(e.target))) for e in events if e.type == kind}


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind,expected", ROWS, ids=[r[0] for r in ROWS])
def test_the_holder_is_party_to_each_with_partner(
    analyzer: Analyzer, name: str, text: str, kind: str, expected: set[tuple[str, str]]
) -> None:
    found = pairs(analyzer, text, kind)
    assert {tuple(sorted(p)) for p in expected} <= found, f"{text!r}: {found}"


@pytest.mark.slow
def test_a_host_of_talks_between_two_is_no_party(analyzer: Analyzer) -> None:
    found = pairs(analyzer, "Turkey hosted talks between Russia and Ukraine.", "meeting")
    assert found == {("RUS", "UKR")}
