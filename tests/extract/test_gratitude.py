# ruff: noqa: E501  (one sentence per table row)
"""Thanking a state for weapons names it the supplier and the thanker the recipient
('Armenia thanked India for the Pinaka rocket launchers'; triggers.yaml, items only in
the 'for' phrase). Thanks for support or for hosting name no transfer.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("thanked for the weapons", "Armenia thanked India for the Pinaka rocket launchers.",
         "arms_transfer", {"IND"}, {"ARM"}),
    Case("thanked for their delivery", "Ukraine's president thanked Germany for the delivery of Leopard tanks.",
         "arms_transfer", {"DEU"}, {"UKR"}),
    Case("a leader thanks", "Somalia's president thanked Turkey for the armoured vehicles.",
         "arms_transfer", {"TUR"}, {"SOM"}),
]  # fmt: skip

NEGATIVES = [
    ("thanks for support", "Ukraine thanked the United States for its support."),
    ("thanks for hosting", "Georgia thanked Turkey for hosting the talks."),
    ("thanks for sanctions", "Kyiv thanked Washington for the sanctions on Russian banks."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_the_thanked_state_supplied_the_weapons(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_thanks_for_other_things_name_no_transfer(analyzer: Analyzer, name: str, text: str) -> None:
    assert_no_event(analyzer, text, "arms_transfer")
