"""A word that is an event only of a named kind ('deal', 'ties') takes its kind from its
topic as well as from its modifier: 'a deal *on* the Nile waters' is a water deal, also
when the parser hangs 'on' on the verb ('struck a deal with X *on* fishing rights';
extract/frame_guards.py), and triage finds the topic's plural ('waters'). A company's
deal on jets is still no agreement between states.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("deal on a plural topic", "Egypt and Sudan struck a deal on the Nile waters.",
         "agreement", {"EGY"}, {"SDN"}),
    Case("topic hung on the verb", "Egypt struck a deal with Sudan on water.",
         "agreement", {"EGY"}, {"SDN"}),
    Case("topic with a compound", "Senegal struck a deal with Mauritania on fishing rights.",
         "agreement", {"SEN"}, {"MRT"}),
    Case("over a topic", "Spain and Morocco agreed a deal over migration.",
         "agreement", {"ESP"}, {"MAR"}),
    Case("pact on defence", "Pakistan and China signed a pact on defence cooperation.",
         "military_cooperation", {"PAK"}, {"CHN"}),
]  # fmt: skip

NEGATIVES = [
    ("a company's deal", "Kenya's national airline struck a deal with a leasing firm on new jets."),
    ("a club's deal", "Manchester United struck a deal with a Saudi sponsor."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_a_deal_takes_its_kind_from_its_topic(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_business_deals_are_no_agreement(analyzer: Analyzer, name: str, text: str) -> None:
    assert_no_event(analyzer, text, "agreement")
