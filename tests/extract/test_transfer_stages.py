# ruff: noqa: E501  (one sentence per table row)
"""Stage of a transfer by construction. Aspect (extract/tense.py): a transfer that 'has
been' going on is under way, as one that 'is' going on; a word of battlefield use says the
weapons were delivered, in any aspect ('has been using X since 2021'). Warned off (lexicon
``phrasal_status``): an act someone is warned, discouraged or argues against is in view
(planned); one they are barred from, or decide against, is denied.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import transfer_statuses

from armswatch.pipeline import Analyzer

ROWS = [
    ("perfect progressive, delivering", "Turkey has been delivering armed drones to Somalia since 2021.", "TUR", "SOM", "ongoing"),
    ("perfect progressive, receiving", "Egypt has been receiving self-propelled howitzers from South Korea.", "KOR", "EGY", "ongoing"),
    ("past perfect progressive", "Belarus had been supplying rifles to Sudan before the embargo.", "BLR", "SDN", "ongoing"),
    ("perfect, done", "Turkey has delivered armed drones to Somalia.", "TUR", "SOM", "delivered"),
    ("use, perfect progressive", "Uganda has been using Turkish drones since 2021.", "TUR", "UGA", "delivered"),
    ("use, progressive", "Uganda is using Turkish drones against the rebels.", "TUR", "UGA", "delivered"),
    ("warned off: planned", "Britain warned Turkey against selling fighter jets to Libya.", "TUR", "LBY", "planned"),
    ("dissuaded: planned", "Japan dissuaded Vietnam from buying Russian helicopters.", "RUS", "VNM", "planned"),
    ("barred: denied", "Washington barred Ankara from buying F-35 jets.", "USA", "TUR", "denied"),
    ("decided against: denied", "Germany decided against supplying cruise missiles to Ukraine.", "DEU", "UKR", "denied"),
    ("argued against: planned", "Britain argued against selling fighter jets to Qatar.", "GBR", "QAT", "planned"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name,text,supplier,recipient,status", ROWS, ids=[r[0] for r in ROWS])
def test_stage_by_construction(
    analyzer: Analyzer, name: str, text: str, supplier: str, recipient: str, status: str
) -> None:
    found = transfer_statuses(analyzer, text, supplier, recipient)
    assert found == [status], f"{text!r}: {found}"
