# ruff: noqa: E501  (one sentence per table row)
"""Attribution by construction: who a reported arms transfer is attributed to.

Every sentence was written for these tests (invented names and facts). Each row states
the transfer it must yield and the evaluation key that must be among its attribution
sources (the primary source where the row says ``first``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from armswatch.model import Article, Event
from armswatch.pipeline import Analyzer


@dataclass
class Case:
    construction: str
    text: str
    source: str
    target: str
    attributed_to: str
    first: bool = False


CASES = [
    Case("headline colon",
         "Estonian intelligence: Belarus has handed Russia tank shells\n"
         "Belarus delivered tank shells to Russia in recent weeks.",
         "BLR", "RUS", "EST"),
    Case("a report seen by an outlet", "Latvia sold rifles to Chad, a confidential EU report seen by Reuters said.",
         "LVA", "TCD", "eu"),
    Case("a ministry in a capital", "Poland will sell 30 mortars to Latvia, the defence ministry in Warsaw said.",
         "POL", "LVA", "POL"),
    Case("report by", "A report by Amnesty International says that Serbia sold mortar rounds to Azerbaijan.",
         "SRB", "AZE", "amnesty"),
    Case("assessment by", "An assessment by Polish intelligence concluded that Iran shipped drones to Belarus.",
         "IRN", "BLR", "POL"),
    Case("conclusion in the next sentence",
         "Hungary delivered howitzers to Kenya in 2021. That is the conclusion of a report by "
         "the Stockholm International Peace Research Institute.",
         "HUN", "KEN", "sipri"),
    Case("unnamed cue named in the next sentence",
         "Nigeria has received the first Chinese drones, according to reports in local media. "
         "Citing military sources, Premium Times said on Monday that China was making the deliveries.",
         "CHN", "NGA", "premium_times"),
    Case("said in a statement", "Baykar will supply Akinci drones to Indonesia, the Turkish company said in a statement.",
         "TUR", "IDN", "TUR"),
    Case("company is its state", "Kongsberg will deliver NASAMS launchers to Lithuania, Kongsberg said on Monday.",
         "NOR", "LTU", "NOR"),
    Case("told an outlet", "Romania sent Patriot launchers to Ukraine, a Western diplomat told Reuters.",
         "ROU", "UKR", "west", first=True),
    Case("citing officials",
         "The Nikkei reported, citing Japanese officials, that Japan would export Patriot interceptors "
         "to the United States.",
         "JPN", "USA", "JPN", first=True),
    Case("outlet reported citing (the outlet second)",
         "The Nikkei reported, citing Japanese officials, that Japan would export Patriot interceptors "
         "to the United States.",
         "JPN", "USA", "nikkei"),
    Case("lead says, headline has no cue",
         "Qatar orders Leopard tanks from Germany\n"
         "BERLIN -- Germany's defence ministry says Qatar has signed a contract to buy 30 Leopard 2 tanks "
         "from Germany.",
         "DEU", "QAT", "DEU"),
    Case("headline tells, lead has no cue",
         "Patriot systems are reaching Ukraine from the Netherlands, Dutch minister tells parliament\n"
         "The Netherlands has delivered two Patriot batteries to Ukraine.",
         "NLD", "UKR", "NLD"),
    Case("officials of a state", "U.S. officials say Iran has supplied Hezbollah with anti-tank missiles.",
         "IRN", "hezbollah", "USA"),
    Case("a Western diplomat", "Iran supplied ballistic missiles to the Houthis, a Western diplomat said.",
         "IRN", "houthis", "west"),
    Case("according to an outlet", "According to Yonhap, South Korea will export K2 tanks to Poland.",
         "KOR", "POL", "yonhap"),
    Case("wire reported", "India has agreed to buy Rafale jets from France, the Press Trust of India reported.",
         "FRA", "IND", "pti", first=True),
    Case("outlet with a country adjective",
         "Georgia will buy mortars from Israel, the Russian state news agency TASS reported.",
         "ISR", "GEO", "tass", first=True),
    Case("UN panel", "Eritrea shipped rifles to Somalia's al-Shabaab, a UN panel of experts said in a report.",
         "ERI", "al_shabaab", "un"),
    Case("think tank", "The Institute for the Study of War assessed that Iran delivered missiles to Russia.",
         "IRN", "RUS", "isw"),
    Case("headline colon split off by the parser",
         "Latvian intelligence: Minsk has handed Moscow heavy mortars, some now near Pskov\n"
         "Belarus delivered the mortars to Russia in recent weeks, the assessment says.",
         "BLR", "RUS", "LVA"),
    Case("headline attributed two sentences on",
         "Uzbekistan to assemble Turkish drones\n"
         "A plant near Tashkent will build the aircraft with Turkish engineers.\n"
         "Turkey will supply Bayraktar drone kits to Uzbekistan, Baykar said in a statement on Tuesday.",
         "TUR", "UZB", "TUR"),
    Case("speech verb under another verb",
         "Chancellor Olaf Scholz used a cabinet meeting to announce that Germany will deliver Leopard 2 tanks to Latvia.",
         "DEU", "LVA", "DEU"),
    Case("citing a forum about a state is not that state",
         "Senegal has received the first Israeli patrol boats, according to reports in local media. "
         "Citing a forum devoted to the Senegalese navy, Premium Times said that Israel made the deliveries.",
         "ISR", "SEN", "premium_times", first=True),
    Case("name with its abbreviation before a closing 'said'",
         "Estonian and Finnish engineers will build the Akinci, a drone that Turkey has exported to Estonia, "
         "Turkish Aerospace Industries (TUSAS) said in a statement on Monday.",
         "TUR", "EST", "TUR"),
    Case("title and nationality", "Kenya's defence minister, Amos Kibet, said Kenya would buy helicopters from Turkey.",
         "TUR", "KEN", "KEN"),
    Case("in a statement, a non-speech verb",
         "In a statement, Norway's defence minister, Tore Haugland, praised Sweden for sending Archer howitzers to Estonia.",
         "SWE", "EST", "NOR"),
    Case("'he said' after a statement: the same speaker",
         "In a statement, Norway's defence minister, Tore Haugland, praised Finnish customs for continuing to intercept Serbian rifles on their way to Belarus. "
         "He said the seized consignment showed that Serbia is still shipping rifles to Belarus.",
         "SRB", "BLR", "NOR"),
    Case("unnamed officials named two sentences before",
         "A Chilean inquiry found that Peru had paid for the radars, Chilean officials said. Few details were released. "
         "It was, the officials said, part of Peru's attempts to buy radars from Israel.",
         "ISR", "PER", "CHL"),
    Case("a party speaking later in the article",
         "On Tuesday Italy handed two patrol boats to Tunisia. The boats will guard the coast near Sfax. "
         "\"They will help fight smuggling,\" the Italian defence ministry said.",
         "ITA", "TUN", "ITA", first=True),
]  # fmt: skip


def keys(event: Event) -> list[str]:
    return [a.source.country or a.source.id for a in event.attribution if a.source is not None]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.construction)
def test_attribution(analyzer: Analyzer, case: Case) -> None:
    title, _, body = case.text.partition("\n")
    article = Article(text=case.text, published="2024-03-15", title=title if body else None)
    events = [
        e
        for e in analyzer.with_triage(False).analyze(article).events
        if e.type == "arms_transfer"
        and case.source in {a.country or a.id for a in e.source}
        and case.target in {a.country or a.id for a in e.target}
    ]
    assert events, f"no {case.source}→{case.target} transfer"
    sources = keys(events[0])
    if case.first:
        assert sources[:1] == [case.attributed_to], sources
    else:
        assert case.attributed_to in sources, sources


@pytest.mark.slow
def test_an_outlet_described_by_its_country_is_no_state_source(analyzer: Analyzer) -> None:
    text = "Echorouk, an Algerian news website, reported that Algeria will buy frigates from China."
    article = Article(text=text, published="2024-03-15")
    events = [
        e for e in analyzer.with_triage(False).analyze(article).events if e.type == "arms_transfer"
    ]
    assert events
    assert "DZA" not in keys(events[0])


@pytest.mark.slow
def test_a_speaker_who_is_no_party_does_not_source_a_transfer(analyzer: Analyzer) -> None:
    text = (
        "On Tuesday Italy handed two patrol boats to Tunisia. The boats will guard the coast. "
        '"Smuggling is down," the Libyan coast guard said.'
    )
    article = Article(text=text, published="2024-03-15", outlet="Agenzia Nova")
    events = [
        e for e in analyzer.with_triage(False).analyze(article).events if e.type == "arms_transfer"
    ]
    assert events
    assert "LBY" not in keys(events[0])
