# ruff: noqa: E501  (one sentence per table row)
"""Time, status and attribution of arms transfers in the constructions of issue 11.

Every sentence was written for these tests (other states, weapons and words than the
gold texts). Each row names the construction, the text, the transfer pair and the
attribute the article's event must carry.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from armswatch.model import Article, Event
from armswatch.pipeline import Analyzer

pytestmark = [pytest.mark.issue(11), pytest.mark.slow]
PUBLISHED = "2024-03-07"  # a Thursday


@dataclass(frozen=True)
class Status:
    construction: str
    text: str
    source: str
    target: str
    status: str
    certainty: str


LATER_DENIAL = (
    "Officials met in Rome on Monday. The talks were long. Turkey has denied buying Finnish "
    "rifles. Amnesty International said the rifles had been delivered to Turkey by Finland."
)
STATUS = [
    # a transit state's refusal of passage is not the supplier's refusal
    Status("transit refused in a headline", "Egypt refuses to let three Dutch frigates pledged to Indonesia through the Suez Canal",
           "NLD", "IDN", "planned", "asserted"),
    Status("transit not allowed", "Greece will not allow the four patrol boats promised to Libya by Italy to pass through its waters.",
           "ITA", "LBY", "planned", "asserted"),
    Status("a permission without passage is still a refusal", "Germany refused to let Poland send Leopard tanks to Ukraine.",
           "POL", "UKR", "denied", "negated"),
    # a past copula under a report noun reports speech: its 'would' is a reported 'will'
    Status("announcement was that … would", "Spain's announcement in May was that six Spanish patrol boats would be transferred to Senegal.",
           "ESP", "SEN", "planned", "asserted"),
    # a present passive with no agent in a subordinate clause states no stage
    Status("generic present passive", "Spain signed a deal to supply Chile with Leopard tanks on Monday. Chile complained about the limits on the weapons it is given.",
           "ESP", "CHL", "agreed", "asserted"),
    # an event noun that 'is to be' sent is a plan
    Status("noun subject of 'is to be' + participle", "A new shipment of British mortar rounds for Kenya is to be dispatched in June, officials said.",
           "GBR", "KEN", "planned", "asserted"),
    # authorised → agreed (ANNOTATION.md, stages)
    Status("cleared for, in a headline", "Spain clears Leopard tanks for Latvia\nThe cabinet took the decision on Tuesday.",
           "ESP", "LVA", "agreed", "asserted"),
    Status("authorised the export of", "Norway authorised the export of patrol boats to Ghana on Monday.",
           "NOR", "GHA", "agreed", "asserted"),
    # a party's denial after the opening does not outweigh an asserted delivery
    Status("a later denial set against an assertion", LATER_DENIAL, "FIN", "TUR", "delivered", "asserted"),
    Status("a denial in the lead decides", "Turkey denied buying Finnish rifles, but Amnesty International said the rifles had been delivered to Turkey.",
           "FIN", "TUR", "denied", "negated"),
    # an event noun said to breach a rule names acts that took place
    Status("transfers that are in breach of an embargo", "Kenya voiced concern over closer ties between Sudan and Chad, including rifle and mortar transfers that are in breach of the embargo.",
           "SDN", "TCD", "delivered", "asserted"),
]  # fmt: skip


@dataclass(frozen=True)
class Source:
    construction: str
    text: str
    source: str
    target: str
    attributed_to: str
    first: bool = False


SOURCES = [
    Source("a report noun as the subject of 'was that'",
           "Spain's announcement in May was that six Spanish patrol boats would be transferred to Senegal.",
           "ESP", "SEN", "ESP"),
    Source("the one who pledges says so", "Norway pledges four patrol boats to Ghana",
           "NOR", "GHA", "NOR", first=True),
    Source("a closing speech verb the parser hung on a noun, with a citation after it",
           "New military aid for Kenya is to be dispatched shortly by U.K. Prime Minister Keir Starmer's administration, The Associated Press reported, citing British defence sources.",
           "GBR", "KEN", "ap"),
    # a pronoun or definite description speaking continues the last named speaker
    Source("'it said' continues the speaker named before",
           "Human Rights Watch said on Monday that it had found Serbian rifles with the rebels in Mali. The militia has fought the army for years. The group said the rifles were new. It said Chad bought the rifles from Serbia in 2021.",
           "SRB", "TCD", "hrw", first=True),
    Source("a parenthetical 'the report said' hung on the auxiliary",
           "As the BBC reported on Monday, Belarus is under a Western arms embargo. Yet Serbia and other Balkan states, the report said, have for years sold mortar rounds to Belarus's army.",
           "SRB", "BLR", "bbc"),
    # a person described by an office whose name is itself an office word
    Source("a person at the Department of State, then by surname",
           "Mary Tolan, who handles African affairs at the U.S. Department of State, spoke to the United Nations on Monday. In her briefing, Tolan set out evidence that Belarus has transferred rifles to Sudan.",
           "BLR", "SDN", "USA", first=True),
    Source("the assertion, not the later denial, is the main statement", LATER_DENIAL,
           "FIN", "TUR", "amnesty", first=True),
]  # fmt: skip


@dataclass(frozen=True)
class Dated:
    construction: str
    text: str
    source: str
    target: str
    time: str | None  # the start of the transfer's time at its precision, or None


TIMES = [
    Dated("the announcement's month when the text places the transfer in it",
          "Spain's announcement in May was that six Spanish patrol boats would be transferred to Senegal.",
          "ESP", "SEN", "2023-05"),
    Dated("the signing of the agreement a transfer is made under, its clause misattached",
          "By 2029 Kenya will have received 12 Mi-17 helicopters from Poland, under the terms of a long-term bilateral defence agreement that the two countries signed on Monday in Warsaw.",
          "POL", "KEN", "2024-03-04"),
    Dated("a stage told in a relative clause on the recipient",
          "Analysts said Peru, which bought the tanks in a 2018 deal, is the only state known to have imported Leopard tanks from Spain.",
          "ESP", "PER", "2018"),
    Dated("a relative clause about another system tells another transfer",
          "Egypt, which bought Rafale jets in 2015, will buy Su-35 fighters from Russia.",
          "RUS", "EGY", None),
    # a plan's stated time may lie after the article's date
    Dated("next year", "Spain will send six patrol boats to Senegal next year.",
          "ESP", "SEN", "2025"),
    Dated("no earlier than next month", "Spain will deliver the patrol boats to Senegal no earlier than next month.",
          "ESP", "SEN", "2024-04"),
    Dated("a future act's month lies ahead", "Spain will deliver six patrol boats to Senegal in June.",
          "ESP", "SEN", "2024-06"),
    Dated("a past act's month lies behind", "Spain delivered six patrol boats to Senegal in June.",
          "ESP", "SEN", "2023-06"),
    # a date between a speech verb and its clause's subject is the speech's
    Dated("said on Monday it will deliver: the announcement's month",
          "Spain said on Monday it will deliver six patrol boats to Senegal.", "ESP", "SEN", "2024-03"),
    Dated("said on Monday it delivered: no time", "Spain said on Monday it delivered six patrol boats to Senegal.",
          "ESP", "SEN", None),
]  # fmt: skip


def transfer(text: str, analyzer: Analyzer, source: str, target: str) -> Event:
    title, _, body = text.partition("\n")
    article = Article(text=text, published=PUBLISHED, title=title if body else None)
    analysis = analyzer.with_triage(False).analyze(article)
    for event in analysis.events:
        keys = ({a.key for a in event.source}, {a.key for a in event.target})
        if event.type == "arms_transfer" and keys == ({source}, {target}):
            return event
    found = [
        (e.type, [a.key for a in e.source], [a.key for a in e.target]) for e in analysis.events
    ]
    raise AssertionError(f"no transfer {source}->{target} in {found}")


@pytest.mark.parametrize("case", STATUS, ids=[c.construction for c in STATUS])
def test_status_and_certainty(analyzer: Analyzer, case: Status) -> None:
    event = transfer(case.text, analyzer, case.source, case.target)
    assert (event.status, event.certainty) == (case.status, case.certainty)


@pytest.mark.parametrize("case", SOURCES, ids=[c.construction for c in SOURCES])
def test_attribution(analyzer: Analyzer, case: Source) -> None:
    event = transfer(case.text, analyzer, case.source, case.target)
    sources = [a.source.key for a in event.attribution if a.source is not None]
    if case.first:
        assert sources[:1] == [case.attributed_to], sources
    else:
        assert case.attributed_to in sources, sources


@pytest.mark.parametrize("case", TIMES, ids=[c.construction for c in TIMES])
def test_time(analyzer: Analyzer, case: Dated) -> None:
    event = transfer(case.text, analyzer, case.source, case.target)
    start = event.time.start if event.time else None
    if case.time is None:
        assert start is None, event.time
        return
    assert event.time is not None and start is not None, event.time
    shown = {"month": start[:7], "year": start[:4]}.get(event.time.precision or "", start)
    assert shown == case.time, event.time
