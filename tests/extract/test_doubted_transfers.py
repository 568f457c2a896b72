# ruff: noqa: E501  (one sentence per table row)
"""Transfers doubted, asked about or set as a condition are told as possible, not as fact
(lexicon ``certainty_cues``: *doubt*, and the clause marks *whether* and *if*).

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

ROWS = [
    ("doubted", "Experts doubt that China will ever send tanks to Myanmar.", "arms_transfer", "CHN", "MMR", "possible"),
    ("whether", "Nobody knows whether North Korea sent troops to Russia.", "troop_deployment", "PRK", "RUS", "possible"),
    ("if, counterfactual", "If Egypt bought J-10 jets from China, Washington would cut aid.", "arms_transfer", "CHN", "EGY", "possible"),
    ("said, still fact", "Seoul said that North Korea had shipped shells to Russia.", "arms_transfer", "PRK", "RUS", "asserted"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind,source,target,certainty", ROWS, ids=[r[0] for r in ROWS])
def test_certainty_of_a_doubted_act(
    analyzer: Analyzer, name: str, text: str, kind: str, source: str, target: str, certainty: str
) -> None:
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    found = [
        e.certainty
        for e in events
        if e.type == kind and keys(e.source) == {source} and keys(e.target) == {target}
    ]
    assert found == [certainty], f"{text!r}: {found}"
