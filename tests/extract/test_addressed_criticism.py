# ruff: noqa: E501  (one sentence per table row)
"""Criticism addressed to a state or laid on it: *protested to* X, *lodged a protest with*
X, *held* X *responsible* (however the parser attaches 'responsible'), and judgements
such as *deeply troubling* (triggers.yaml). Crowds protesting name no state.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("protested to", "Japan protested to China over the survey ship.",
         "condemnation", {"JPN"}, {"CHN"}),
    Case("lodged a protest with", "Vietnam lodged a protest with China over the new map.",
         "condemnation", {"VNM"}, {"CHN"}),
    Case("held responsible", "Ethiopia held Eritrea responsible for the attack.",
         "condemnation", {"ETH"}, {"ERI"}),
    Case("held responsible, read as a clause", "Kenya held Saudi Arabia responsible for the attack on its embassy.",
         "condemnation", {"KEN"}, {"SAU"}),
    Case("deeply troubling", "The US said Iran's support for Russia's war was deeply troubling.",
         "condemnation", {"USA"}, {"IRN"}),
]  # fmt: skip

NEGATIVES = [
    ("students protesting", "Students protested in Nairobi on Monday."),
    ("a crowd against its government", "Thousands protested against rising prices in Tbilisi."),
    ("an alarming trend", "An alarming rise in food prices hit Sudan."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_criticism_addressed_to_a_state(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_protests_of_crowds_criticise_no_state(analyzer: Analyzer, name: str, text: str) -> None:
    assert_no_event(analyzer, text, "condemnation")
