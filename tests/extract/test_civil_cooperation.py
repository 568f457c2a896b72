"""Cooperation is military cooperation unless what names its kind is civil only
(triggers.yaml: ``excludes_civil_topic``; lexicon ``civil_topics`` and
``military_topics``): *energy* cooperation, cooperation on nuclear *safety*, a *trade*
partnership are none; *military*, *defence* or *security* cooperation, cooperation on
*training* or *exercises*, and civil cooperation coordinated with military cooperation
are. Bare cooperation between two states stays what it was.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

MILITARY = [
    Case("military modifier", "Peru and Bolivia agreed to deepen their military cooperation.",
         "military_cooperation", {"PER"}, {"BOL"}),
    Case("possessive defence", "Kenya's defence cooperation with Ethiopia expanded last year.",
         "military_cooperation", {"KEN"}, {"ETH"}),
    Case("civil and military", "Vietnam's economic and military cooperation with Laos grew.",
         "military_cooperation", {"VNM"}, {"LAO"}),
    Case("between, on training", "Cooperation between Ghana and Togo on officer training grew.",
         "military_cooperation", {"GHA"}, {"TGO"}),
    Case("list with defence", "Chile and Uruguay will boost cooperation in trade, oil and defence.",
         "military_cooperation", {"CHL"}, {"URY"}),
    Case("security modifier", "Oman and Jordan pledged closer security cooperation on Monday.",
         "military_cooperation", {"OMN"}, {"JOR"}),
    Case("defence technology", "Malaysia and Brunei discussed defence technology cooperation.",
         "military_cooperation", {"MYS"}, {"BRN"}),
    Case("bare cooperation", "Officials welcomed the cooperation between Nepal and Bhutan.",
         "military_cooperation", {"NPL"}, {"BTN"}),
]  # fmt: skip

CIVIL = [
    ("energy, deepen their", "Peru and Bolivia agreed to deepen their energy cooperation."),
    ("nuclear safety, between … on", "Cooperation between Ghana and Togo on nuclear safety grew."),
    ("economic, possessive", "Vietnam's economic cooperation with Laos grew in 2023."),
    ("trade and energy, in", "Chile and Uruguay will boost cooperation in trade and energy."),
    ("energy security", "Malaysia and Brunei discussed energy security cooperation."),
    ("fisheries", "Senegal and Gambia signed a memorandum on fisheries cooperation."),
    ("health, with", "Egypt expanded its health cooperation with Sudan in March."),
    ("climate partnership", "Norway and Indonesia launched a climate partnership in Oslo."),
    ("fields of health", "Tunisia and Algeria boosted cooperation in the fields of health."),
    ("cultural collaboration", "Cultural collaboration between Spain and Morocco has grown."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", MILITARY, ids=[c.family for c in MILITARY])
def test_military_cooperation_is_kept(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", CIVIL, ids=[n[0] for n in CIVIL])
def test_civil_cooperation_is_no_military_cooperation(
    analyzer: Analyzer, name: str, text: str
) -> None:
    assert_no_event(analyzer, text, "military_cooperation")
