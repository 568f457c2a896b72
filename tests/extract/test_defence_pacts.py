"""A defence pact is military cooperation as well as an agreement (OUTPUT.md): a pact,
treaty, accord or agreement modified by *defence* or *military* (triggers.yaml); a trade
agreement or a border-security accord is an agreement only.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("mutual defence pact", "Turkey and Azerbaijan signed a mutual defence pact.",
         "military_cooperation", {"TUR"}, {"AZE"}),
    Case("military treaty", "Niger and Burkina Faso concluded a military treaty in Niamey.",
         "military_cooperation", {"NER"}, {"BFA"}),
    Case("possessive defence accord", "Greece's defence accord with France took effect in March.",
         "military_cooperation", {"GRC"}, {"FRA"}),
    Case("and still an agreement", "Japan and Australia signed a defence agreement in Tokyo.",
         "agreement", {"JPN"}, {"AUS"}),
]  # fmt: skip

NEGATIVES = [
    ("trade agreement", "Kenya and Somalia signed a trade agreement."),
    ("border-security accord", "Bolivia and Peru signed a border-security accord on Friday."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_a_defence_pact_is_military_cooperation(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_other_agreements_are_no_military_cooperation(
    analyzer: Analyzer, name: str, text: str
) -> None:
    assert_no_event(analyzer, text, "military_cooperation")
