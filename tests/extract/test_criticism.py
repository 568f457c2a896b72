# ruff: noqa: E501  (one sentence per table row)
"""Criticism without a condemnation verb (extract/evaluative.py, CASES.md class EVAL).

Every sentence was written for these tests with states and words no gold text uses for
the fact. Each mechanism has a positive row; the guards (negation, wishes, conditions,
a journalist's own wording, no speaker) have rows that must yield no condemnation.
"""

from __future__ import annotations

import pytest

from armswatch.model import Article
from armswatch.pipeline import Analyzer

POSITIVE = [
    ("experiencer adjective", "Norway is appalled by Syria's barrel-bomb attacks on Idlib.",
     "NOR", "SYR"),
    ("experiencer in a quote, 'we' is the speaker",
     "'We take grave issue with Armenia's continued shelling of our villages,' the Azerbaijani foreign ministry said.",
     "AZE", "ARM"),
    ("predicate noun about what was 'said of'",
     "'This is a blatant breach of the ceasefire,' the Malian foreign minister said of Algeria's drone strikes.",
     "MLI", "DZA"),
    ("predicate adjective on a possessed act",
     "Laos's transfer of rifles to the junta is unconscionable, Thailand said.",
     "THA", "LAO"),
    ("attributive adjective on an act", "Japan said Russia's illegal annexation of the islands must end.",
     "JPN", "RUS"),
    ("pose a threat", "The Kenyan foreign minister said Somalia's naval patrols pose a threat to shipping.",
     "KEN", "SOM"),
    ("evaluative verb in a relative clause",
     "Ecuador's envoy said Colombia's fumigation flights, which flagrantly violate the border treaty, must stop.",
     "ECU", "COL"),
    ("naming verb holds the evaluation", "Lisbon called Angola's border closures provocative.",
     "PRT", "AGO"),
    ("naming verb with 'as'", "Accra described the Togolese troop movements as reckless.",
     "GHA", "TGO"),
    ("accusation noun holds the evaluation", "Peru has repeated its accusation that Chile violates the fishing treaty.",
     "PER", "CHL"),
    ("experts speak for their organisation", "Niger has breached the arms embargo again and again, say UN experts.",
     "un", "NER"),
    ("noun with an actor adjective", "Estonia's foreign minister said Belarusian provocation on the border was growing.",
     "EST", "BLR"),
]  # fmt: skip

NEGATIVE = [
    ("a hope", "Peru hopes Chile's new fishing rules will not be a violation of the treaty."),
    ("negated predicate", "Kenya said the Somali patrols did not pose a threat."),
    ("hypothetical", "Any such sale by Laos would be a violation of the embargo, Norway said."),
    ("a journalist's own words", "Russia's illegal annexation of the islands continues."),
    ("anonymous speaker", "Laos's transfer of rifles is unconscionable, one analyst said."),
    ("a wish", "Chile hopes Bolivia's new government will reopen the border talks."),
    ("topic of a report", "The panel will keep publishing reports on Laos's violations of the embargo, Norway said."),
    ("neutral report", "Uganda's deployment of troops to South Sudan began in January, Kenya said."),
]  # fmt: skip


def condemnations(analyzer: Analyzer, text: str) -> set[tuple[str, str]]:
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    return {
        (s.country or s.id, t.country or t.id)
        for e in events
        if e.type == "condemnation"
        for s in e.source
        for t in e.target
    }


@pytest.mark.slow
@pytest.mark.parametrize("name,text,source,target", POSITIVE, ids=[p[0] for p in POSITIVE])
def test_evaluation_of_an_act_is_a_condemnation_of_its_actor(
    analyzer: Analyzer, name: str, text: str, source: str, target: str
) -> None:
    found = condemnations(analyzer, text)
    assert (source, target) in found, f"{text!r} gave {found}"


@pytest.mark.slow
@pytest.mark.parametrize("name,text", NEGATIVE, ids=[n[0] for n in NEGATIVE])
def test_guarded_or_unvoiced_evaluation_is_no_condemnation(
    analyzer: Analyzer, name: str, text: str
) -> None:
    assert not condemnations(analyzer, text), f"{text!r}: unexpected condemnation"


@pytest.mark.slow
def test_government_publisher_speaks_in_its_own_voice(analyzer: Analyzer) -> None:
    """A ministry's own press release judging an act is its condemnation; the same words
    in a news agency's copy are not (covered by 'a journalist's own words')."""
    text = "Iran's transfer of drones to Sudan is a flagrant violation of the embargo."
    article = Article(text=text, published="2024-06-01", outlet="UK Foreign Office")
    events = analyzer.analyze(article).events
    found = {
        (s.country or s.id, t.country or t.id)
        for e in events
        if e.type == "condemnation"
        for s in e.source
        for t in e.target
    }
    assert ("GBR", "IRN") in found, found
