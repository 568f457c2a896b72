"""Closing or initialling an event noun acts it out, like holding or signing it
(lexicon ``agent_verbs``): '*wrapped up* the drills', '*initialled* a peace treaty'.
Wrapping something else is no event.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    Case("wrapped up drills", "Chinese and Cambodian troops wrapped up joint drills on Friday.",
         "military_exercise", {"CHN"}, {"KHM"}),
    Case("wrapped up talks", "Kenya and Uganda wrapped up talks on the pipeline.",
         "meeting", {"KEN"}, {"UGA"}),
    Case("initialled a treaty", "Armenia and Azerbaijan initialled a peace treaty in Washington.",
         "agreement", {"ARM"}, {"AZE"}),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_closing_an_event_acts_it_out(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
def test_wrapping_a_thing_is_no_event(analyzer: Analyzer) -> None:
    assert_no_event(analyzer, "Senegal wrapped its fish exports in new rules.", "agreement")
