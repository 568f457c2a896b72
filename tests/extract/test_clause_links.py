# ruff: noqa: E501  (one sentence per table row)
"""How a trigger noun reaches the clause around it: through the quantity noun that counts
it ('thousands of workers'), the verb whose prepositional object it is ('agreed on joint
production with …'), the verb that hosts it ('hosts 300 Belgian soldiers'), and names the
parser misreads as modifiers ('Luanda and Phnom Penh'). Objects that make a verb no
trigger ('meet a need', 'host troops' for a visit) are the lookalikes.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.pipeline import Analyzer

CASES = [
    # a counted noun: the quantity noun stands in the clause for it
    Case("thousands of workers", "Laos sent thousands of workers to Thailand in 2023.",
         "labor_dispatch", {"LAO"}, {"THA"}),
    Case("hundreds of labourers, hedged", "Bhutan may dispatch hundreds of labourers to Kuwait.",
         "labor_dispatch", {"BTN"}, {"KWT"}),
    Case("a team of instructors", "Jordan flew a team of military instructors to Chad.",
         "troop_deployment", {"JOR"}, {"TCD"}),
    Case("dozens of soldiers in a relative", "Peru, which sent dozens of soldiers to Haiti last year, wants more funds.",
         "troop_deployment", {"PER"}, {"HTI"}),
    # the prepositional object of the verb that acts the noun out
    Case("agree on with", "Brazil agreed on joint development of patrol boats with Angola.",
         "military_cooperation", {"BRA"}, {"AGO"}),
    Case("settle on with", "Egypt settled on joint production of artillery shells with Serbia.",
         "military_cooperation", {"EGY"}, {"SRB"}),
    # the host of deployed people
    Case("hosts soldiers", "Djibouti currently hosts some 1,500 Italian soldiers.",
         "troop_deployment", {"ITA"}, {"DJI"}),
    Case("hosted peacekeepers", "Lebanon hosted Ghanaian peacekeepers for decades.",
         "troop_deployment", {"GHA"}, {"LBN"}),
    # a first name the parser hangs on a multiword second one
    Case("capital and two-word capital", "Tunis and Kuala Lumpur held talks on Tuesday.",
         "meeting", {"TUN"}, {"MYS"}),
    Case("state and two-word state", "Qatar and Sierra Leone signed a defence pact.",
         "agreement", {"QAT"}, {"SLE"}),
    # a 'by' phrase the parser hangs on the passive verb's prepositional object
    Case("agent on the object of 'on'", "Penalties were imposed on Bolivia by Paraguay last week.",
         "sanction_imposed", {"PRY"}, {"BOL"}),
    # measure nouns name their imposer by a possessor or a participle's agent
    Case("possessor of an embargo", "Ecuador's arms embargo on Nicaragua expires in June.",
         "sanction_imposed", {"ECU"}, {"NIC"}),
    Case("participle on the named target", "The export controls on Belarus adopted by Norway are strict.",
         "sanction_imposed", {"NOR"}, {"BLR"}),
    # nouns of censure: who censures by 'by' or 'from'
    Case("censure noun with by", "The censure of Eritrea by Djibouti followed the raid.",
         "condemnation", {"DJI"}, {"ERI"}),
    Case("criticism from", "Criticism of Bahrain from Kuwait grew louder.",
         "condemnation", {"KWT"}, {"BHR"}),
    Case("measure acted out, aimed at", "Canberra unveiled new sanctions aimed at the Tatmadaw on Friday.",
         "sanction_imposed", {"AUS"}, {"MMR"}),
    Case("measures extend to located targets", "Seoul imposed sanctions on Pyongyang in May. The sanctions also extend to targets located in Laos and Mongolia.",
         "sanction_imposed", {"KOR"}, {"LAO", "MNG"}),
    # a warning that an actor's act must stop is a rebuke; the warned-about act keeps
    # its own certainty ('the ties must not target others' keeps the ties)
    Case("warned that ties must not", "Oman warned that the military partnership between Qatar and Bahrain must not threaten its neighbours.",
         "condemnation", {"OMN"}, {"QAT", "BHR"}),
    Case("warned X that its act", "Kenya warned Somalia that its drills were provoking Ethiopia.",
         "condemnation", {"KEN"}, {"SOM"}),
    # a preposition the parser strands ('with Nepal' read as a modifier of the verb)
    Case("stranded 'with'", "Bhutan's trade agreement with Nepal enters into force in May.",
         "agreement", {"BTN"}, {"NPL"}),
    Case("possessor with a partner inside an 'of' phrase", "Kenya's memorandum of understanding with Rwanda enters into force in June.",
         "agreement", {"KEN"}, {"RWA"}),
    # a pronoun that would make one actor both sides is the other actor of the sentence
    Case("its = the one who praises", "Gabon praised the advisers that Morocco sent to train its navy.",
         "military_cooperation", {"MAR"}, {"GAB"}),
    # a governing body is its seat's state; a diplomat in a capital is not
    Case("the authorities in a capital", "The authorities in Ouagadougou expelled the Swiss envoy.",
         "diplomatic_break", {"BFA"}, {"CHE"}),
    Case("the regime in a capital", "The regime in Damascus bought rifles from Belarus.",
         "arms_transfer", {"BLR"}, {"SYR"}),
    Case("an envoy in a capital", "The Kenyan envoy in Washington condemned Eritrea.",
         "condemnation", {"KEN"}, {"ERI"}),
    # noun families: every noun of a type reads the same slots
    Case("possessor of a break", "Gabon's break in relations with Benin was unexpected.",
         "diplomatic_break", {"GAB"}, {"BEN"}),
    Case("possessor of consultations", "Iceland's consultations with Denmark went on for days.",
         "meeting", {"ISL"}, {"DNK"}),
    Case("possessor of a memorandum", "Fiji's memorandum with Samoa takes effect in May.",
         "agreement", {"FJI"}, {"WSM"}),
    Case("a deal without weapons is an agreement", "Georgia's gas deal with Azerbaijan was extended.",
         "agreement", {"GEO"}, {"AZE"}),
    # a predicate adjective read into the named object ('called X's closure … illegal')
    Case("naming verb, misread predicate", "Mauritania's foreign minister called Mali's closure of the crossing unconscionable.",
         "condemnation", {"MRT"}, {"MLI"}),
]  # fmt: skip

NEGATIVES = [
    ("meet a need", "Finland set aside funds to meet Estonia's defence needs.", "meeting"),
    ("meet a deadline", "Chile met Argentina's deadline for the reply.", "meeting"),
    ("host troops is no visit", "Niger hosts 800 French soldiers.", "meeting"),
    ("host with no sender", "Niger hosts 800 soldiers at the base.", "troop_deployment"),
    (
        "a body's embargo is background",
        "The UN arms embargo on Eritrea was lifted in 2018.",
        "sanction_imposed",
    ),
    (
        "a participle on an item",
        "Sanctions on rifles made by Serbia were debated.",
        "sanction_imposed",
    ),
    (
        "a deal for weapons is no agreement",
        "Ghana's deal with Brazil for six Super Tucano aircraft was signed.",
        "agreement",
    ),
    (
        "a push for sanctions",
        "Malta and Cyprus blocked a Dutch push for sanctions against Libya.",
        "sanction_imposed",
    ),
    ("facing sanctions", "Eritrea faces new sanctions over the raids.", "sanction_imposed"),
    ("a warning of weather", "Fiji warned of storms near Tonga.", "condemnation"),
    (
        "its = the trainer itself",
        "Morocco sent advisers to train its navy.",
        "military_cooperation",
    ),
    (
        "no other actor in the sentence",
        "Gabon met Benin. Morocco sent advisers to train its navy.",
        "military_cooperation",
    ),
    ("naming a place", "Chile called the crossing unconscionable.", "condemnation"),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_trigger_noun_reaches_its_clause(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_object_that_makes_no_trigger(analyzer: Analyzer, name: str, text: str, kind: str) -> None:
    assert_no_event(analyzer, text, kind)
