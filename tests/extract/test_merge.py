"""Document-level merging of reports about one pair (spec/ANNOTATION.md, Conventions).

Texts were written for these tests: the stage of the pair is the furthest reported, a
leading halt or denial decides, and hedged or planned reports of other weapons do not
widen an asserted delivery (issue 11, the demo's drones-and-missiles finding).
"""

from __future__ import annotations

import pytest

from armswatch.model import Article, Event
from armswatch.pipeline import Analyzer


def transfers(analyzer: Analyzer, text: str, source: str, target: str) -> list[Event]:
    analysis = analyzer.analyze(Article(text=text, published="2024-05-10"))
    return [
        e
        for e in analysis.events
        if e.type == "arms_transfer"
        and {a.key for a in e.source} == {source}
        and {a.key for a in e.target} == {target}
    ]


@pytest.mark.slow
def test_a_hedged_plan_does_not_widen_an_asserted_delivery(analyzer: Analyzer) -> None:
    text = (
        "Belarus delivered T-72 tanks to Russia in March. "
        "Russia may also try to buy Belarusian artillery shells."
    )
    events = transfers(analyzer, text, "BLR", "RUS")
    assert [e.status for e in events][:1] == ["delivered"]
    main = events[0]
    assert {i.category for i in main.items} == {"armoured_vehicle"}
    assert main.certainty == "asserted"
    aside = [e for e in events[1:] if "ammunition" in {i.category for i in e.items}]
    assert aside, "the hedged shells are kept as their own event"
    assert (aside[0].status, aside[0].certainty) == ("planned", "possible")


@pytest.mark.slow
def test_a_repeated_hedge_of_the_same_items_stays_in_the_main_event(analyzer: Analyzer) -> None:
    text = (
        "Belarus delivered T-72 tanks to Russia in March. "
        "Belarus may send more tanks to Russia in the summer."
    )
    events = transfers(analyzer, text, "BLR", "RUS")
    assert len(events) == 1
    assert (events[0].status, events[0].certainty) == ("delivered", "asserted")
    assert len(events[0].evidence) == 2


@pytest.mark.slow
def test_a_leading_halt_decides_when_nothing_was_delivered(analyzer: Analyzer) -> None:
    text = (
        "Canada halted the sale of armoured vehicles to Saudi Arabia. "
        "The vehicles had been ordered by Saudi Arabia from Canada in 2014."
    )
    events = transfers(analyzer, text, "CAN", "SAU")
    assert events and events[0].status == "cancelled"


@pytest.mark.slow
def test_a_halt_leaves_earlier_deliveries_of_the_pair(analyzer: Analyzer) -> None:
    text = (
        "Canada halted the sale of armoured vehicles to Saudi Arabia. "
        "Canada delivered 200 armoured vehicles to Saudi Arabia last year."
    )
    events = transfers(analyzer, text, "CAN", "SAU")
    assert events and events[0].status == "delivered"


@pytest.mark.slow
def test_a_denial_of_unspecified_weapons_does_not_split_the_pair(analyzer: Analyzer) -> None:
    text = (
        "Belarus delivered T-72 tanks to Russia in March. "
        "Both Minsk and Moscow deny that Belarus is providing Russia with weapons."
    )
    events = transfers(analyzer, text, "BLR", "RUS")
    assert len(events) == 1
    assert events[0].status == "delivered"
