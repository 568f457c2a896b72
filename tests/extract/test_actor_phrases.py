# ruff: noqa: E501  (one sentence per table row)
"""Actors named through the phrase around them rather than by name: organs of coordinated
states, possessors that refer back, companies and private persons keyed to where they are
based, measures owned by their adjective, trigger nouns inside compounds and passives,
accusation nouns, and nouns that are an event only with their modifier.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields, keys

from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    # organs of coordinated states: adjectives and 'of' lists
    Case("organ of two", "The interior ministers of Malawi and Zambia signed a policing accord in Lusaka.",
         "agreement", {"MWI"}, {"ZMB"}),
    Case("coordinated adjectives", "Senegalese and Gambian marines held joint drills off Banjul.",
         "military_exercise", {"SEN"}, {"GMB"}),
    Case("coordinated adjectives, officials", "The Estonian and Latvian foreign ministers met in Riga on Monday.",
         "meeting", {"EST"}, {"LVA"}),
    # possessors that refer back
    Case("possessor refers to a pair", "Laos and Cambodia opened a new bridge. The two countries' army chiefs then held talks in Vientiane.",
         "meeting", {"LAO"}, {"KHM"}),
    # a posted diplomat's 'from X' is where it served, not whose it is
    Case("own envoy recalled from a state", "Ecuador recalled its ambassador from Bolivia over the asylum row.",
         "diplomatic_break", {"ECU"}, {"BOL"}),
    Case("own envoy recalled from a capital", "Lithuania has called back its envoys from Minsk.",
         "diplomatic_break", {"LTU"}, {"BLR"}),
    # beside a state's possessive, another state's adjective names a community of it
    Case("community adjective", "Montenegro's Albanian leader visited Tirana and met the premier.",
         "meeting", {"MNE"}, {"ALB"}),
    # companies and persons keyed to where they are based
    Case("entities in a list of states", "Ottawa imposed sanctions on 12 entities in Armenia and Georgia.",
         "sanction_imposed", {"CAN"}, {"ARM", "GEO"}),
    Case("X-based", "Norway blacklisted a Kyrgyzstan-based trading firm on Friday.",
         "sanction_imposed", {"NOR"}, {"KGZ"}),
    Case("located in", "Switzerland froze the assets of three suppliers located in Tajikistan.",
         "sanction_imposed", {"CHE"}, {"TJK"}),
    Case("belong to a placed network", "Two brokers who belong to a Cyprus-based smuggling network were designated by Australia.",
         "sanction_imposed", {"AUS"}, {"CYP"}),
    Case("nationals by adjective, measures by adjective", "Four Uzbek nationals were hit with Japanese sanctions last week.",
         "sanction_imposed", {"JPN"}, {"UZB"}),
    # trigger nouns in compounds and passives
    Case("compound trigger noun", "Zambia signed a military cooperation agreement with Angola in May.",
         "military_cooperation", {"ZMB"}, {"AGO"}),
    Case("passive agent of a noun", "A maritime security treaty was signed by Fiji and Tonga last year.",
         "agreement", {"FJI"}, {"TON"}),
    # accusation nouns
    Case("charge by X that it", "Dhaka rejected the charge by Naypyidaw that it shelters armed rebels.",
         "condemnation", {"MMR"}, {"BGD"}),
    Case("accusation against", "Bolivia's accusation against Chile was read out at the assembly.",
         "condemnation", {"BOL"}, {"CHL"}),
    # nouns that are an event only with their modifier; phrasal meeting verbs
    Case("defence ties", "Qatar and Rwanda will deepen their security ties next year.",
         "military_cooperation", {"QAT"}, {"RWA"}),
    Case("joint production", "Serbia agreed on the joint development of drones with Belarus.",
         "military_cooperation", {"SRB"}, {"BLR"}),
    Case("instruct", "Jordanian officers have instructed Iraqi special forces since 2019.",
         "military_cooperation", {"JOR"}, {"IRQ"}),
    Case("sit down with", "Chile's president sat down with his Argentine counterpart in Mendoza.",
         "meeting", {"CHL"}, {"ARG"}),
    # measures as the subject continue the latest sanction event; partitive heads
    Case("measures continue the imposer", "Britain froze the assets of Eritrea's navy chief. The penalties also cover a number of Sudanese firms.",
         "sanction_imposed", {"GBR"}, {"SDN"}),
    Case("sanctions inside the object", "Ministers of the EU reached a deal on tougher sanctions against Nicaragua.",
         "sanction_imposed", {"eu"}, {"NIC"}),
    Case("denied + gerund read as a modifier", "Ghana denied dispatching troops to Togo.",
         "troop_deployment", {"GHA"}, {"TGO"}),
    Case("restoring sanctions", "Norway and Iceland voted to reinstate their arms embargo on Myanmar.",
         "sanction_imposed", {"NOR", "ISL"}, {"MMR"}),
    Case("zero relative read as a second subject", "A list of the penalties Canada is imposing on Nicaragua was published today.",
         "sanction_imposed", {"CAN"}, {"NIC"}),
    # passive agents of symmetric and break verbs
    Case("ties severed by", "Relations with Bhutan were severed by Nepal in 1990.",
         "diplomatic_break", {"NPL"}, {"BTN"}),
    Case("accord signed by", "A water accord was signed by Iraq and Syria on Sunday.",
         "agreement", {"IRQ"}, {"SYR"}),
    # possessors: talks, a pact with a partner, a severance, sanctions with an imposer
    Case("possessor of talks", "Ghana's talks with Togo ended on Friday.", "meeting", {"GHA"}, {"TGO"}),
    Case("possessor of a pact with a partner", "Oman's maritime agreement with Yemen expires next year.",
         "agreement", {"OMN"}, {"YEM"}),
    Case("severance of ties", "Fiji's severance of diplomatic relations with Vanuatu shocked the region.",
         "diplomatic_break", {"FJI"}, {"VUT"}),
    Case("partner named on the act's object", "Peru's suspension of ties with Bolivia ended in May.",
         "diplomatic_break", {"PER"}, {"BOL"}),
    Case("possessor of sanctions", "Japan's sanctions on Laos will lapse in May.",
         "sanction_imposed", {"JPN"}, {"LAO"}),
    Case("sanctions package", "Canberra adopted a new sanctions package against Iran on Tuesday.",
         "sanction_imposed", {"AUS"}, {"IRN"}),
    # raised participles on a described actor; 'present X with Y'
    Case("known to have imported", "Oman, which ordered the boats in 2020, is the first state known to have imported Damen corvettes from the Netherlands.",
         "arms_transfer", {"NLD"}, {"OMN"}),
    Case("present X with Y", "Italy presented Tunisia with three patrol boats on Wednesday.",
         "arms_transfer", {"ITA"}, {"TUN"}),
    # a description in the object is not the clause's own subject
    Case("'the country' skips the subject", "Eritrea closed its border crossings. Days later Canada imposed new sanctions on the country.",
         "sanction_imposed", {"CAN"}, {"ERI"}),
    Case("'that country' skips the subject", "Myanmar bombed a school on Sunday. Indonesia denounced that country on Monday.",
         "condemnation", {"IDN"}, {"MMR"}),
    # 'to' labelled as a dative in a relative clause
    Case("object relative with 'to'", "The labourers that Nepal flew to Qatar work on the new stadiums.",
         "labor_dispatch", {"NPL"}, {"QAT"}),
    # rebutting a criticism makes one its target; 'among the states that …'
    Case("rejected criticism", "Hungary rejected the criticism that Austria voiced at the summit.",
         "condemnation", {"AUT"}, {"HUN"}),
    Case("alleging is accusing", "Guyana alleged that Venezuela had armed gangs near the border.",
         "condemnation", {"GUY"}, {"VEN"}),
    Case("claiming a wrongful act", "Armenia claimed that Azerbaijan had shelled two villages.",
         "condemnation", {"ARM"}, {"AZE"}),
    Case("conjunct on another word of a name", "Ilham Aliyev and Nikol Pashinyan will meet in Almaty to sign the text",
         "meeting", {"AZE"}, {"ARM"}),
    Case("dismissed accusations from", "Rwanda dismissed the accusations from Burundi on Friday.",
         "condemnation", {"BDI"}, {"RWA"}),
    Case("among the states that", "Namibia is among the states that have recognised Western Sahara.",
         "diplomatic_recognition", {"NAM"}, {"western_sahara"}),
    # sending forces is a deployment; measures placed; a participle on the measure noun
    Case("deploy a unit", "Morocco will deploy a marine battalion to Libya next month.",
         "troop_deployment", {"MAR"}, {"LBY"}),
    Case("passive, forces by adjective", "Dozens of Rwandan police were flown to Haiti in March.",
         "troop_deployment", {"RWA"}, {"HTI"}),
    Case("place controls on", "Vietnam has put export restrictions on Cambodia.",
         "sanction_imposed", {"VNM"}, {"KHM"}),
    Case("measure with a participle", "The embargo on Eritrea adopted by Ethiopia was lifted in 2020.",
         "sanction_imposed", {"ETH"}, {"ERI"}),
    Case("members of a group", "Turkey sanctioned six members of the PKK.",
         "sanction_imposed", {"TUR"}, {"pkk"}),
    # a contract with a company: the company's state supplies the items hung on the verb
    Case("contract with a foreign firm", "Uruguay's navy signed a contract with a Spanish shipyard for two offshore patrol vessels.",
         "arms_transfer", {"ESP"}, {"URY"}),
    Case("signature to a contract", "The Kenyan army put its signature to a deal with an Israeli manufacturer for 40 Hermes 450 drones.",
         "arms_transfer", {"ISR"}, {"KEN"}),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Ghana, Togo and Benin signed a maritime accord in Lomé.",
         {("BEN", "GHA"), ("BEN", "TGO"), ("GHA", "TGO")}),
        ("Japan and three partners -- Fiji, Samoa and Tonga -- signed a fisheries pact.",
         {("FJI", "JPN"), ("JPN", "WSM"), ("JPN", "TON")}),
        ("Britain, Norway, and Iceland signed a fisheries pact on Monday.",
         {("GBR", "NOR"), ("GBR", "ISL"), ("ISL", "NOR")}),
    ],
    ids=[
        "three parties, every pair",
        "a group spelled out in an apposition acts as one side",
        "an apposition beside a name is a list",
    ],
)  # fmt: skip
def test_symmetric_act_of_many_is_one_event_per_pair(
    analyzer: Analyzer, text: str, pairs: set[tuple[str, str]]
) -> None:
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    found = {
        tuple(sorted(keys(e.source) | keys(e.target))) for e in events if e.type == "agreement"
    }
    assert found == pairs


NEGATIVES = [
    ("ties that are not military", "Peru and Chile deepened their trade ties.", "military_cooperation"),
    ("production that is not joint", "Turkey raised its production of drones.", "military_cooperation"),
    ("recognising a need is no recognition", "Bolivia recognised the need for closer trade with Peru.", "diplomatic_recognition"),
    ("failing to agree is no agreement", "Chile and Bolivia failed to reach an agreement on water rights.", "agreement"),
    ("a treaty named by its parties is no signing", "Laos and Nepal held talks. The two countries' border treaty is still a draft.", "agreement"),
    ("sanctions with no imposer named", "US sanctions on Cuba have hurt its economy.", "sanction_imposed"),
    ("a claim of no wrongdoing", "Chile claimed that Peru had won the match.", "condemnation"),
    ("sit without 'down'", "Kenya sits on the council with Ghana.", "meeting"),
    ("charge without an accuser", "Five men face charges of smuggling rifles to Sudan.", "condemnation"),
    ("troops in a place are not that place's", "Ghana sent 200 soldiers to join the force in Mali.",
     "sanction_imposed"),
    ("an aid package is no sanction", "Japan agreed a fresh aid package for Laos.", "sanction_imposed"),
    ("targets that are no measures", "The new targets cover Peru and Bolivia.", "sanction_imposed"),
    ("weapons deployed are no troops", "Russia deployed Iskander missiles to Belarus.", "troop_deployment"),
    ("a letter sent is no deployment", "Chad sent a letter to Niger on Monday.", "troop_deployment"),
    ("fighters named by a designation are jets", "Seoul sent FA-50 fighters to Manila in May.", "troop_deployment"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_actor_named_through_its_phrase(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_lookalike_phrase_yields_no_event(
    analyzer: Analyzer, name: str, text: str, kind: str
) -> None:
    assert_no_event(analyzer, text, kind)


@pytest.mark.slow
def test_items_named_as_among_the_weapons(analyzer: Analyzer) -> None:
    text = "Sniper rifles and mortar rounds were among the weapons seized by Oman in a shipment from Belarus bound for Sudan."
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    categories = {i.category for e in events if e.type == "arms_transfer" for i in e.items}
    assert {"small_arms", "ammunition"} <= categories


@pytest.mark.slow
def test_a_background_stage_does_not_date_the_reported_deal(analyzer: Analyzer) -> None:
    text = (
        "Qatar signed a contract for 24 Eurofighter jets from Britain on 3 May 2024. "
        "Qatar had bought British armoured vehicles between 2010 and 2015."
    )
    events = analyzer.analyze(Article(text=text, published="2024-05-06")).events
    deal = [e for e in events if e.type == "arms_transfer"]
    assert deal and deal[0].time is not None and deal[0].time.start == "2024-05-03"


@pytest.mark.slow
def test_a_community_adjective_beside_a_possessive_is_no_party(analyzer: Analyzer) -> None:
    """'Georgia's Armenian leader visited Baku': Georgia and Azerbaijan meet; Armenia,
    named only by the community's adjective, is no party."""
    text = "Georgia's Armenian leader visited Baku on Monday."
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    parties = [keys(e.source) | keys(e.target) for e in events if e.type == "meeting"]
    assert parties == [{"GEO", "AZE"}]


@pytest.mark.slow
def test_a_party_phrase_inside_the_topic_of_talks_is_the_topics(analyzer: Analyzer) -> None:
    """'talks with Peru on the dispute with Ecuador': the talks are Chile's with Peru;
    Ecuador is a party of the dispute only."""
    text = "Chile held talks with Peru on the fishing dispute with Ecuador."
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    parties = [keys(e.source) | keys(e.target) for e in events if e.type == "meeting"]
    assert parties == [{"CHL", "PER"}]
