# ruff: noqa: E501  (one sentence per table row)
"""Constructions that a dictionary coder (CAMEO/PLOVER) and our own rules read alike only
on the surface: a case set out *against* an actor is an accusation; a measure taken away
imposes none; a country adjective on a community or on private people is not the state;
the places a visitor goes to do not meet each other; a with-phrase of a nested event noun
of another type is that event's party. And three word-family gaps: *renewed*
negotiations, reached a *consensus*, a suspension of *links*.

Every sentence was written for these tests; none is a gold or reference text.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, Case, assert_no_event, assert_yields, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    # setting out a case against an actor accuses it
    Case("presented evidence against", "Chile presented evidence against Peru at the tribunal.",
         "condemnation", {"CHL"}, {"PER"}),
    Case("proof against, passive", "Proof against Laos was submitted by Nepal on Monday.",
         "condemnation", {"NPL"}, {"LAO"}),
    Case("produced a dossier against", "Ghana produced a dossier against Togo over the raids.",
         "condemnation", {"GHA"}, {"TGO"}),
    # imposing stays imposing beside the undoing guard
    Case("imposed sanctions", "Kenya imposed sanctions on Uganda on Friday.",
         "sanction_imposed", {"KEN"}, {"UGA"}),
    # the visitor meets each place it goes to
    Case("visit two places, first", "The Chilean president will visit Peru and Bolivia next month.",
         "meeting", {"CHL"}, {"PER"}),
    Case("visit two places, second", "The Chilean president will visit Peru and Bolivia next month.",
         "meeting", {"CHL"}, {"BOL"}),
    # a deal is the agreement's own noun: its with-phrase stays the verb's party
    Case("agreed on a deal with", "Kenya agreed on a border deal with Sudan.",
         "agreement", {"KEN"}, {"SDN"}),
    Case("agreed with", "Kenya agreed with Sudan to reopen the border.",
         "agreement", {"KEN"}, {"SDN"}),
    # a heavy object shifted after the as-predicate is still the object
    Case("denounced as a crime X's act", "Chile on Friday denounced as an ugly crime Peru's crackdown on miners.",
         "condemnation", {"CHL"}, {"PER"}),
    Case("condemned as a violation X's act", "Ghana condemned as a violation of the truce Togo's raid on the border post.",
         "condemnation", {"GHA"}, {"TGO"}),
    # word-family gaps the consultation and agreement frames share with their verbs
    Case("renewed negotiations", "Chile and Peru renewed negotiations today on the border.",
         "meeting", {"CHL"}, {"PER"}),
    Case("reached a consensus", "Chile and Peru reached a consensus on fishing quotas.",
         "agreement", {"CHL"}, {"PER"}),
    Case("suspension of links", "Chile announced a suspension of air links with Peru on Monday.",
         "diplomatic_break", {"CHL"}, {"PER"}),
]  # fmt: skip

NEGATIVES = [
    ("evidence with no 'against'", "Chile presented evidence of the flooding to Peru.", "condemnation"),
    ("agreed to lift", "Kenya has agreed to lift the sanctions on Uganda.", "sanction_imposed"),
    ("eased, passive", "The sanctions on Bolivia were eased by Chile in March.", "sanction_imposed"),
    ("the easing of", "Chile announced the easing of sanctions on Bolivia.", "sanction_imposed"),
    ("sanctions relief", "Chile announced sanctions relief for Bolivia.", "sanction_imposed"),
    ("ethnic community as a party", "An accord between Chadian and ethnic Sudanese parties was signed.", "agreement"),
    ("youths are not the state", "Lebanese youths resorted to throwing stones during demonstrations against the alleged human rights violations by the Syrian military, officials said.", "condemnation"),
    ("talks with belong to the talks", "Kenya agreed to Ugandan mediation in the talks with Sudan.", "agreement"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_lookalike_keeps_the_event(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_lookalike_is_no_event(analyzer: Analyzer, name: str, text: str, kind: str) -> None:
    assert_no_event(analyzer, text, kind)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,places",
    [
        ("The Chilean president will visit Peru and Bolivia next month.", {"PER", "BOL"}),
        ("Fiji's foreign minister toured Samoa, Tonga and Vanuatu.", {"WSM", "TON", "VUT"}),
    ],
)
def test_places_visited_do_not_meet(analyzer: Analyzer, text: str, places: set[str]) -> None:
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    pairs = [keys(e.source) | keys(e.target) for e in events if e.type == "meeting"]
    assert pairs, f"{text!r}: no visit found"
    assert not [p for p in pairs if p <= places], f"{text!r}: places met each other: {pairs}"
