# ruff: noqa: E501  (one sentence per table row)
"""Acts someone is warned off, pressed to stop or condemned for: the one warned, pressed or
condemned does the act, not the speaker ('Seoul warned Pyongyang *against shipping*
shells to Russia' is PRK→RUS; extract/clause_parts.py). Their stage: test_transfer_stages.py.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, Case, assert_yields, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    Case("warned against", "Seoul warned Pyongyang against shipping artillery shells to Russia.",
         "arms_transfer", {"PRK"}, {"RUS"}),
    Case("cautioned against a noun item", "Washington cautioned Beijing against sending lethal aid to Moscow.",
         "arms_transfer", {"CHN"}, {"RUS"}),
    Case("discouraged from buying", "France discouraged Serbia from buying Chinese air defence systems.",
         "arms_transfer", {"CHN"}, {"SRB"}),
    Case("pressed to stop", "Stockholm pressed Ankara to stop selling armed drones to Baku.",
         "arms_transfer", {"TUR"}, {"AZE"}),
    Case("condemned for sending troops", "Kenya condemned Eritrea for sending troops to Sudan.",
         "troop_deployment", {"ERI"}, {"SDN"}),
    Case("warned against talks", "Washington warned Seoul against holding talks with Pyongyang.",
         "meeting", {"KOR"}, {"PRK"}),
]  # fmt: skip

WRONG_PARTIES = [
    ("the warner supplies nothing", "Seoul warned Pyongyang against shipping artillery shells to Russia.", {"KOR"}),
    ("the presser sells nothing", "Stockholm pressed Ankara to stop selling armed drones to Baku.", {"SWE"}),
    ("the condemner sends no troops", "Kenya condemned Eritrea for sending troops to Sudan.", {"KEN"}),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_the_one_warned_off_does_the_act(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text,speaker", WRONG_PARTIES, ids=[w[0] for w in WRONG_PARTIES])
def test_the_speaker_is_no_party_to_the_act(
    analyzer: Analyzer, name: str, text: str, speaker: set[str]
) -> None:
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    acts = [e for e in events if e.type in {"arms_transfer", "troop_deployment"}]
    assert acts and all(not keys(e.source) & speaker for e in acts)
