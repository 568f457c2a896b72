# ruff: noqa: E501  (one sentence per table row)
"""Moves that impose sanctions without a verb of imposing. Setting off a snapback of lapsed
sanctions imposes them again: '*triggered* the snapback of UN sanctions on X', '*invoked*
the snapback mechanism against X' (triggers.yaml; an adjective read of 'snapback' counts
as the object's word, extract/frame_guards.py). Sanctions weighed, considered or drafted
are planned measures.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("snapback of sanctions on", "Britain, France and Germany triggered the snapback of UN sanctions on Iran.",
         "sanction_imposed", {"GBR", "FRA", "DEU"}, {"IRN"}),
    Case("snapback mechanism against", "Britain invoked the snapback mechanism against Iran in August.",
         "sanction_imposed", {"GBR"}, {"IRN"}),
    Case("weighing sanctions", "The US is weighing sanctions on Ethiopian officials.",
         "sanction_imposed", {"USA"}, {"ETH"}),
    Case("drafting sanctions", "Brussels is drafting new sanctions against Belarus.",
         "sanction_imposed", {"eu"}, {"BLR"}),
    Case("snapback process on a possessor", "Paris and Berlin have activated the snapback process on Tehran's nuclear programme.",
         "sanction_imposed", {"FRA", "DEU"}, {"IRN"}),
]  # fmt: skip

NEGATIVES = [
    ("a snapback in prices", "The ceasefire between Chad and Sudan triggered a snapback in oil prices."),
    ("triggering something else", "Kenya triggered an alarm over sanctions on Somalia."),
    ("weighing their impact", "Economists weighed the impact of sanctions on Iran."),
    ("a report prepared", "The ministry prepared a report on sanctions against Syria."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_a_move_towards_sanctions_imposes_them(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_other_snapbacks_impose_nothing(analyzer: Analyzer, name: str, text: str) -> None:
    assert_no_event(analyzer, text, "sanction_imposed")
