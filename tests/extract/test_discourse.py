"""Discourse: actors named in another sentence or only described ('the two', 'that
country', 'the kingdom'), roles implied by the transfer just reported, and triage that
keeps sentences whose actors are only references. Every text is invented."""

from __future__ import annotations

import pytest

from armswatch.model import SYMMETRIC_TYPES, Article
from armswatch.pipeline import Analyzer

Tuple = tuple[str, frozenset[str], frozenset[str]]


def tuples(analyzer: Analyzer, text: str, triage: bool = True) -> set[Tuple]:
    article = Article(text=text, published="2024-06-01")
    found: set[Tuple] = set()
    for event in analyzer.with_triage(triage).analyze(article).events:
        source = frozenset(a.country or a.id for a in event.source)
        target = frozenset(a.country or a.id for a in event.target)
        if event.type in SYMMETRIC_TYPES:
            source = target = source | target
        found.add((event.type, source, target))
    return found


def symmetric(kind: str, *keys: str) -> Tuple:
    return (kind, frozenset(keys), frozenset(keys))


def directed(kind: str, source: str, target: str) -> Tuple:
    return (kind, frozenset({source}), frozenset({target}))


CASES = [
    (
        "the two",
        "Chile and Peru held naval drills in May; afterwards the two signed a defence pact.",
        symmetric("agreement", "CHL", "PER"),
    ),
    (
        "the two countries, later sentence",
        "Oman and Kenya opened a trade office in Nairobi. Fish exports are rising fast. "
        "The two countries have also deepened their military cooperation.",
        symmetric("military_cooperation", "OMN", "KEN"),
    ),
    (
        "both governments",
        "Ghana and Togo signed a fishing protocol. Both governments will step up "
        "military cooperation along the coast.",
        symmetric("military_cooperation", "GHA", "TGO"),
    ),
    (
        "that country, continued transfer",
        "Vietnam ordered patrol boats from India in March. Deliveries from that country "
        "began in August.",
        directed("arms_transfer", "IND", "VNM"),
    ),
    (
        "the kingdom",
        "Jordan is rebuilding its air force. The kingdom bought twelve fighter jets from France.",
        directed("arms_transfer", "FRA", "JOR"),
    ),
    (
        "object relative of a noun trigger",
        "The troops that Mongolia deployed to Niger will stay until June.",
        directed("troop_deployment", "MNG", "NER"),
    ),
    (
        "object relative of an impose verb",
        "The sanctions that Azerbaijan imposed on Bangladesh cover banks.",
        directed("sanction_imposed", "AZE", "BGD"),
    ),
    (
        "description beside its actor",
        "It is Chile, a country the Peruvian government accuses of spying.",
        directed("condemnation", "PER", "CHL"),
    ),
    (
        "definite act with no actor",
        "The Security Council imposed an arms embargo on Mali. Bamako denounced the vote.",
        directed("condemnation", "MLI", "un"),
    ),
    (
        "criticising a purchase criticises the buyer",
        "Bolivia bought attack helicopters from Brazil. Chile criticised the purchase.",
        directed("condemnation", "CHL", "BOL"),
    ),
    (
        "an act judged 'as' something naming another actor",
        "Brazil sold attack helicopters to Bolivia. Chile condemned the sale as a threat to "
        "Peru's security.",
        directed("condemnation", "CHL", "BRA"),
    ),
    (
        "criticising a sale criticises the seller",
        "Brazil sold attack helicopters to Bolivia. Chile criticised the sale.",
        directed("condemnation", "CHL", "BRA"),
    ),
    (
        "an act noun refers to the previous sentence's doer",
        "Kiribati said it would open an embassy in Taipei. Fiji condemned the move.",
        directed("condemnation", "FJI", "KIR"),
    ),
    (
        "an act noun refers to a reported clause's subject",
        "Officials said Belize had closed its airspace. Guatemala denounced the decision.",
        directed("condemnation", "GTM", "BLZ"),
    ),
    (
        "an act noun refers to the coordinated clause's doer",
        "Suriname shut its border crossings on Monday, and Guyana criticised the step.",
        directed("condemnation", "GUY", "SUR"),
    ),
    (
        "talks with",
        "Kenya held talks with Tanzania on border patrols.",
        symmetric("meeting", "KEN", "TZA"),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "expected"), [pytest.param(*c, id=c[0]) for c in CASES])
def test_reference_resolves_to_the_actors_named_before(
    analyzer: Analyzer, name: str, text: str, expected: Tuple
) -> None:
    assert expected in tuples(analyzer, text)


@pytest.mark.slow
def test_triage_keeps_a_sentence_whose_actors_are_only_references(analyzer: Analyzer) -> None:
    text = (
        "Oman and Kenya opened a trade office in Nairobi. Fish exports are rising fast. "
        "Ferries now sail twice a week. Prices have not changed. "
        "The two countries have also deepened their military cooperation."
    )
    expected = symmetric("military_cooperation", "OMN", "KEN")
    assert expected in tuples(analyzer, text, triage=False)
    assert expected in tuples(analyzer, text, triage=True)


@pytest.mark.slow
def test_a_list_restated_in_apposition_is_not_a_new_reference(analyzer: Analyzer) -> None:
    """'Britain, Germany and France, the three countries …' names the same three, so a
    misparse that makes the apposition a subject must not add them to another role."""
    text = (
        "Iran's envoys to Chile, Peru and Bolivia, the three countries of the pact, were recalled."
    )
    assert all(
        event[0] != "diplomatic_break" or "IRN" in event[1] for event in tuples(analyzer, text)
    )


ACT_NOUN_LOOKALIKES = [
    # the act before has no actor as its subject
    "Fuel prices rose sharply in Lusaka. Malawi condemned the move.",
    # the doer is the critic itself
    "Tonga said it would end the visa scheme. Tonga later defended the decision.",
    # a noun that is no act ('the situation') refers to nothing
    "Kiribati opened an embassy in Taipei. Fiji condemned the situation.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", ACT_NOUN_LOOKALIKES)
def test_an_act_noun_without_a_doer_before_it_criticises_no_one(
    analyzer: Analyzer, text: str
) -> None:
    assert not [t for t in tuples(analyzer, text) if t[0] == "condemnation"]
