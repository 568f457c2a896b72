# ruff: noqa: E501  (one sentence per table row)
"""Troops on another state's side: soldiers fighting alongside, for or within the ranks of
another state's forces, joining its fighting or helping it, are deployed to it
(extract/ally_slots.py); soldiers fighting against a state are not, nor are soldiers who
fled into it (extract/frame_guards.py).

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, Case, assert_no_event, assert_yields, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    Case("fighting alongside", "North Korean soldiers are fighting alongside Russian forces near the border.",
         "troop_deployment", {"PRK"}, {"RUS"}),
    Case("fighting for", "Eritrean soldiers are fighting for the Ethiopian army in Tigray.",
         "troop_deployment", {"ERI"}, {"ETH"}),
    Case("within the ranks of", "Chadian soldiers are fighting within the ranks of the Sudanese army, a UN panel said.",
         "troop_deployment", {"TCD"}, {"SDN"}),
    Case("counted, joined the fighting in", "Thousands of Eritrean troops have joined the fighting in Ethiopia's north.",
         "troop_deployment", {"ERI"}, {"ETH"}),
    Case("take part in an owned operation", "Troops from Pyongyang are expected to take part in Russian ground operations.",
         "troop_deployment", {"PRK"}, {"RUS"}),
    Case("operation involving", "Sudan's offensive involving Chadian soldiers stalled in the rains.",
         "troop_deployment", {"TCD"}, {"SDN"}),
    Case("helping verb", "Iranian troops have been helping the Syrian army, officials say.",
         "troop_deployment", {"IRN"}, {"SYR"}),
    Case("coordinated helping verb", "Iranian military personnel were on the ground in Crimea and assisted Russia.",
         "troop_deployment", {"IRN"}, {"RUS"}),
    Case("deployed inside", "Rwanda has deployed soldiers inside eastern Mozambique, according to UN experts.",
         "troop_deployment", {"RWA"}, {"MOZ"}),
    Case("troops inside", "Libyan troops inside Niger guard the pipeline.",
         "troop_deployment", {"LBY"}, {"NER"}),
]  # fmt: skip

NEGATIVES = [
    ("fighting against", "Ukrainian soldiers are fighting against Russian troops in the east."),
    ("the object of fighting is the enemy", "Armenian troops fought Azerbaijani forces for three days."),
    ("'fighting with' may be against", "Chilean troops clashed and were fighting with Peruvian forces."),
    ("taking no part", "Kenyan troops took a break in Uganda."),
    ("a private force's side", "Malian soldiers fought alongside Wagner fighters against the insurgents."),
    ("soldiers who fled", "More than 600 Myanmar soldiers fled into India after the rebels overran their posts."),
    ("counted soldiers who escaped", "Hundreds of Afghan soldiers escaped into Tajikistan as the Taliban advanced."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_troops_on_another_states_side_are_deployed_to_it(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_troops_fighting_a_state_are_not_deployed_to_it(
    analyzer: Analyzer, name: str, text: str
) -> None:
    assert_no_event(analyzer, text, "troop_deployment")


@pytest.mark.slow
def test_troops_that_did_not_fight_for_a_state_are_negated(analyzer: Analyzer) -> None:
    text = "Cuban soldiers did not fight for the Angolan army, Havana insisted."
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    found = [
        e.certainty
        for e in events
        if e.type == "troop_deployment" and keys(e.source) == {"CUB"} and keys(e.target) == {"AGO"}
    ]
    assert found == ["negated"]
