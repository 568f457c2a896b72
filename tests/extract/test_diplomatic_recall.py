# ruff: noqa: E501  (one sentence per table row)
"""Non-arms events that news states outside the lexicon's plain constructions (issue 10),
and the guards that keep their look-alikes out.

Each row is one construction class, written for these tests with states and words that
no gold text uses: sanctions that extend to entities located in states, the imposer of
'the sanctions' named paragraphs before, 'an agreement by X to hold talks', a definite
organ named again ('the ministry'), a speaker in a parenthetical ('…, he said, …'),
evaluative adverbs and hyphenated adjectives, blaming a thing *on* an actor, people
stationed abroad. ``NEGATIVES`` are look-alikes that must not yield the event.
"""

from __future__ import annotations

import pytest
from eventcases import PUBLISHED, Case, assert_no_event, assert_yields, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

pytestmark = [pytest.mark.issue(10), pytest.mark.slow]

CASES = [
    # sanctions: 'the sanctions' refer back to the article's sanctions, however far back
    Case("definite measures far back",
         "Ottawa imposed sanctions on Laos. Laos said it would respond. It called them unfair. "
         "Rice prices rose. Vientiane summoned envoys. The sanctions also extend to firms located in Oman and Kenya.",
         "sanction_imposed", {"CAN"}, {"OMN", "KEN"}),
    # meeting: the one who acts in an infinitive on a noun is the noun's agent
    Case("agreement by X to hold talks",
         "Bolivia's move follows an agreement by the Chilean government to hold further talks with Peru about the border.",
         "meeting", {"CHL"}, {"PER"}),
    # a definite organ is the actor whose same organ was named last
    Case("the ministry named again",
         "Peru's foreign ministry issued a statement on Monday. Ecuador has sent troops to Bolivia. The ministry denounced the deployment.",
         "condemnation", {"PER"}, {"ECU"}),
    # evaluations: the speaker of a parenthetical, an office beside a name
    Case("speaker in a parenthetical",
         "Chile's army chief, General Pablo Soto, visited Lima on Monday. The raids, he said, showed that Bolivia \"remains a reckless actor\".",
         "condemnation", {"CHL"}, {"BOL"}),
    Case("office beside a name",
         "In a statement, Kenya's commander, General Amos Wekesa, praised Uganda's \"brave forces\" for stopping rifles on their way to the rebels. "
         "The seizure, he said, proved that Sudan \"remains a destabilising actor\".",
         "condemnation", {"KEN"}, {"SDN"}),
    Case("evaluative adverb",
         "Matthew Diaz, a Chilean foreign ministry spokesman, said Peru had cynically eroded regional security with its actions that day.",
         "condemnation", {"CHL"}, {"PER"}),
    Case("hyphenated evaluative adjective",
         "Bolivia called Peru's veto \"self-interested,\" the foreign minister said.",
         "condemnation", {"BOL"}, {"PER"}),
    Case("evaluative predicate noun",
         "\"The nightly Bolivian raids are pure terror,\" the Chilean foreign minister said.",
         "condemnation", {"CHL"}, {"BOL"}),
    Case("blame a thing on an actor",
         "It was a crisis Bolivia blamed on the wrong policy of Peru.",
         "condemnation", {"BOL"}, {"PER"}),
    # concern over an act criticises its parties (tests/extract/test_constructions.py),
    # also when the parser hung the act's phrases on the verb above
    Case("concern over a directed act",
         "Japan voiced grave concern over troop deployments by Venezuela to Guyana.",
         "condemnation", {"JPN"}, {"VEN", "GUY"}),
    Case("the act's phrases hung on the verb",
         "Indonesia voiced grave concern over troop deployments by Malaysia to Iraq.",
         "condemnation", {"IDN"}, {"MYS", "IRQ"}),
    # a criticised weapon names its owner
    Case("condemnation of a state's weapon",
         "On Thursday, Chile's defence ministry issued a strong condemnation of the Peruvian missile system set up in Bolivia.",
         "condemnation", {"CHL"}, {"PER"}),
    # a definite act judged with no actor of its own is the act just told
    Case("such sales judged",
         "Peru has hit Bolivia with sanctions over its sales of rifles to Ecuador. The Peruvian foreign ministry said such sales undermine regional security.",
         "condemnation", {"PER"}, {"BOL"}),
    # a naming verb's predicate adjective misread as a modifier after the object
    Case("calling a move irresponsible",
         "Peru's envoys to Chile have been recalled, the Peruvian Foreign Ministry announced. "
         "Calling Chile's move to activate the mechanism \"irresponsible,\" the ministry said the envoys had been ordered home.",
         "condemnation", {"PER"}, {"CHL"}),
    Case("complain that",
         "Over recent months Chile's foreign minister, Ana Soto, has complained that Lima is still unwilling to use the treaty.",
         "condemnation", {"CHL"}, {"PER"}),
    Case("the practices of two states",
         "Peru said the practices of Chile and Bolivia had seriously undermined peace in the region.",
         "condemnation", {"PER"}, {"CHL", "BOL"}),
    # the noun of a 'during' phrase is acted out by the passive's agent
    Case("visit acted out by a passive's agent",
         "During a separate visit to Peru last week, similar concerns were raised by Chile's foreign minister, Ana Soto.",
         "meeting", {"CHL"}, {"PER"}),
    # a preposition repeated in coordination ('… and to Y'), wherever the parser hung it
    Case("sanctions extend to A and to B",
         "Ottawa imposed sanctions on Laos. The sanctions also extend to firms located in Oman and to a number of Kenyan companies.",
         "sanction_imposed", {"CAN"}, {"OMN", "KEN"}),
    # what a signed text is about is done by its signatories; leading an exercise holds it
    Case("memorandum on cooperation",
         "Chile and Peru signed a memorandum of understanding on bilateral military cooperation.",
         "military_cooperation", {"CHL"}, {"PER"}),
    Case("jointly lead an exercise",
         "Chile and the Peruvian navy will jointly lead the exercise off Arica.",
         "military_exercise", {"CHL"}, {"PER"}),
    # people sent abroad: where a participle places them
    Case("workers stationed abroad",
         "Since 2022 Kenya has had delegations of Ugandan IT workers stationed in Rwanda.",
         "labor_dispatch", {"UGA"}, {"RWA"}),
    Case("soldiers based abroad",
         "Chilean soldiers based in Peru held a parade on Sunday.",
         "troop_deployment", {"CHL"}, {"PER"}),
]  # fmt: skip

NEGATIVES = [
    ("a state's borders are no state", "Laos is still unwilling to recognise Nepal's borders.",
     "diplomatic_recognition"),
    ("a contract for weapons is the transfer", "Peru signed a contract with Chile for 12 Scorpene submarines.",
     "agreement"),
    ("a pact for drones is the transfer", "Chile and Peru sign $2 billion pact for 20 Hermes 900 drones",
     "agreement"),
    ("a government's own meeting", "Chile said Peru's government rejected the plan at its meeting.",
     "meeting"),
    ("someone else's plan to talk", "Bolivia welcomed the plan to hold talks with Peru.", "meeting"),
    ("soldiers killed abroad", "Chilean soldiers killed in Peru were buried on Sunday.", "troop_deployment"),
    ("blaming the weather", "Bolivia blamed the floods on heavy rain.", "condemnation"),
    ("a negated judgement", "Chile said Peru's veto was not illegal.", "condemnation"),
    ("a person's cabinet at its meeting",
     "The plan had been drawn up by the NATO member's caretaker government before it handed over power. "
     "The government's website said Boric's cabinet had rejected the plan at its meeting on Wednesday.",
     "meeting"),
    ("complaining about the weather", "Peru complained that the weather was bad.", "condemnation"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_construction_yields_its_event(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.parametrize("name,text,kind", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_lookalike_yields_no_event(analyzer: Analyzer, name: str, text: str, kind: str) -> None:
    assert_no_event(analyzer, text, kind)


def test_a_group_named_like_a_person_is_not_the_speaker(analyzer: Analyzer) -> None:
    """'the Houthis' tagged as a person's name: 'he' is the commander, not the group."""
    text = (
        "In a statement, Kenya's commander, General Amos Wekesa, praised Uganda's forces for "
        "stopping rifles on their way to the Houthis. The seizure, he said, proved that Sudan "
        '"remains a destabilising actor".'
    )
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    critics = [keys(e.source) for e in events if e.type == "condemnation"]
    assert {"houthis"} not in critics, critics
    assert {"KEN"} in critics, critics


def test_a_judged_act_does_not_negate_the_judgement(analyzer: Analyzer) -> None:
    """'Peru's *veto* is self-serving': the veto is the act judged, not a denial."""
    text = "Chile said Peru's self-serving veto blocked the resolution."
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    found = [(e.certainty, e.status) for e in events if e.type == "condemnation"]
    assert found == [("asserted", "unknown")], found


MINISTERS_MET = (
    "Today our foreign minister, Ana Ruiz, met with her Peruvian and Bolivian counterparts in "
    "Santiago. The three foreign ministers reaffirmed their commitment to regional security. "
    "Trade was discussed as well. The ministers call on Venezuela to cease these actions."
)


def test_the_ministers_are_the_parties_of_the_meeting_told(analyzer: Analyzer) -> None:
    """'The ministers call on X to cease …' after a three-way meeting: a joint act of all
    three (ANNOTATION.md, joint acts), 'our' being the publishing ministry's state."""
    article = Article(
        text=MINISTERS_MET, published=PUBLISHED, outlet="Chilean Ministry of Foreign Affairs"
    )
    events = analyzer.analyze(article).events
    found = [(keys(e.source), keys(e.target)) for e in events if e.type == "condemnation"]
    assert ({"CHL", "PER", "BOL"}, {"VEN"}) in found, found


def test_plural_officials_with_no_meeting_are_no_one(analyzer: Analyzer) -> None:
    """'The ministers' after a sale, not a meeting, name no parties."""
    text = "Chile sold tanks to Peru. The ministers said the deal was unlawful."
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    assert not [e for e in events if e.type == "condemnation"]


# -- trips: an office holder travelling to a state visits it (ANNOTATION.md, meetings);
#    troops, teams, refugees and tourists travelling, or a trip to a gathering of many,
#    meet no host. With triage on: the title word lets the sentence through.

TRIPS = [
    ("travelled to", "Chad's foreign minister travelled to Cameroon for talks on the border.",
     {"TCD"}, {"CMR"}),
    ("flew to a capital", "The Uruguayan president flew to Asuncion on Monday.", {"URY"}, {"PRY"}),
    ("title on a name", "Honduran President Alvarado flew to Managua on Sunday.", {"HND"}, {"NIC"}),
    ("arrived in", "Mongolia's defence minister arrived in Astana on an official visit.",
     {"MNG"}, {"KAZ"}),
    ("a delegation landed", "A Laotian delegation landed in Hanoi late on Monday.", {"LAO"}, {"VNM"}),
    ("headed to", "The Croatian prime minister headed to Sarajevo for two days of talks.",
     {"HRV"}, {"BIH"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "one", "other"), TRIPS, ids=[t[0] for t in TRIPS])
def test_an_office_holder_travelling_to_a_state_visits_it(
    analyzer: Analyzer, name: str, text: str, one: set[str], other: set[str]
) -> None:
    assert_yields(analyzer, Case(name, text, "meeting", one, other))


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia's volleyball team travelled to Ecuador for the qualifier.",
        "Thousands of refugees from Niger arrived in Benin last month.",
        "Slovak tourists flew to Tunisia for the holidays.",
        "Gabonese troops arrived in Equatorial Guinea on Friday.",  # a deployment
        "The Latvian president flew to Oslo for a Nordic summit.",  # a venue, not a host
        "Panama's foreign minister arrived in Geneva to attend a conference.",
        "A Maltese minister travelled to Tunisia on holiday.",
        "The Kenyan president flew to Nairobi after the talks.",  # home: one party
    ],
)
def test_trips_that_meet_no_host_are_no_meeting(analyzer: Analyzer, text: str) -> None:
    assert_no_event(analyzer, text, "meeting")
