"""Triage before parsing: sentence selection, skipped parses, offsets, recall cost."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from armswatch.evaluate import Scores, load_gold, score
from armswatch.kb import load_kb
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.triage import Triage, partial_doc, split_sentences, word_forms

pytestmark = pytest.mark.issue(4)

RELEVANT = (
    "Weather turns cold.\n\n"
    "The heating season began early this year. "
    "Officials in Pyongyang stayed silent. "
    "North Korea sent artillery shells to Russia in August. "
    "It denied the deliveries. "
    "Local bakeries reported strong sales of bread. "
    "The festival closes on Sunday."
)
IRRELEVANT = (
    "Storm brings heavy rain to the coast.\n\n"
    "Forecasters expect up to 80 millimetres of rain by Thursday. "
    "The city marathon was moved to next month. "
    "Shares in the bakery chain rose 4 percent after strong results."
)
SEEN_BY_PARSER: list[str] = []


@Language.component("test_parser_calls")
def parser_calls(doc: Doc) -> Doc:
    """Records each Doc that reaches the parser."""
    SEEN_BY_PARSER.append(doc.text)
    return doc


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_kb())


@pytest.fixture
def parser_calls_seen(analyzer: Analyzer) -> Iterator[list[str]]:
    """Texts of the Docs that reached the session analyzer's parser during the test."""
    SEEN_BY_PARSER.clear()
    analyzer.nlp.add_pipe("test_parser_calls", name="test_parser_calls", before="parser")
    try:
        yield SEEN_BY_PARSER
    finally:
        analyzer.nlp.remove_pipe("test_parser_calls")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Headline\n\nFirst sentence.", ["Headline", "First sentence."]),
        ("U.S. officials met. Gen. Votel spoke.", ["U.S. officials met.", "Gen. Votel spoke."]),
        ('He said "yes." Then left.', ['He said "yes."', "Then left."]),
        ("On Jan. 5 it rained. 42 fell.", ["On Jan. 5 it rained.", "42 fell."]),
        ("  padded  \n", ["padded"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


@pytest.mark.parametrize(
    ("lemma", "pos", "forms"),
    [
        ("supply", ["VERB"], {"supplies", "supplied", "supplying"}),
        ("ship", ["VERB"], {"ships", "shipped", "shipping"}),
        ("sell", ["VERB"], {"sells", "sold", "selling"}),
        ("delivery", ["NOUN"], {"delivery", "deliveries"}),
        ("Sanction", ["NOUN"], {"sanctions"}),
    ],
)
def test_word_forms(lemma: str, pos: list[str], forms: set[str]) -> None:
    assert forms <= word_forms(lemma, pos)


def test_selects_candidates_neighbours_and_headline(triage: Triage) -> None:
    ranges = triage.select(RELEVANT)
    chosen = [RELEVANT[s:e] for s, e in ranges]
    assert chosen == [
        "Weather turns cold.",
        "Officials in Pyongyang stayed silent. "
        "North Korea sent artillery shells to Russia in August. "
        "It denied the deliveries.",
    ]


def test_irrelevant_text_selects_nothing(triage: Triage) -> None:
    assert triage.select(IRRELEVANT) == []
    assert triage.select("France beat Spain 2-1 in Madrid.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ines Calder finished the last two rounds three shots ahead of the field.",
        "The ferry to the northern islands will run twice a week in August.",
        "The Patriot hotel opened a new wing near the Spartan stadium.",
    ],
)
def test_ordinary_words_that_can_name_weapons_do_not_pass_triage(
    triage: Triage, sentence: str
) -> None:
    """Sports rounds, island ferries, hotel names: a word that names a weapon only in a
    military context needs a transfer word beside it, and common verbs are no such word."""
    assert triage.select(f"Rain fell.\nIt was mild.\nRoads were clear.\n{sentence}") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Spain supplied 12 Spartan to Peru.",  # a context-only name beside a transfer word
        "They delivered the shells in May.",  # the actors are in the sentence before
        "The package includes 20 Shahed drones.",  # items of a transfer reported earlier
        "- 155mm artillery rounds",  # a bulleted list of them
    ],
)
def test_weapon_with_a_word_that_moves_or_lists_it(triage: Triage, sentence: str) -> None:
    text = f"Rain fell.\nIt was mild.\nRoads were clear.\n{sentence}"
    assert text[slice(*triage.select(text)[-1])].endswith(f"\n{sentence}")


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Peru warned of heavy rain in Lima.", False),
        ("Peru warned that Chile's drills threaten the border.", True),
        ("Peru claimed a record harvest.", False),
        ("Peru claimed that Chile shelled a village.", True),
    ],
)
def test_words_that_need_a_complement_pass_only_with_it(
    triage: Triage, sentence: str, kept: bool
) -> None:
    """'warn' and 'claim' are criticism only with a wrongful act in their clause, so a
    sentence needs that word too: weather warnings and claimed records cost no parse."""
    assert bool(triage.select(f"Rain fell.\nIt was mild.\n{sentence}")) is kept


def test_partial_doc_keeps_offsets() -> None:
    nlp = spacy.blank("en")
    text = "Skip me please. Keep this one. Skip again.\nAnd keep " + "x " * 800 + "end."
    ranges = [(16, 30), (43, len(text))]
    doc = partial_doc(nlp, text, ranges)
    assert len(doc.text) == len(text)
    for start, end in ranges:
        assert doc.text[start:end] == text[start:end]
    assert doc.text[:16].strip() == ""
    assert max(len(t.text) for t in doc if t.is_space) <= 1024
    starts = [t.idx for t in doc if t.is_sent_start]
    assert {0, 16, 30, 43} <= set(starts)


def test_irrelevant_articles_skip_the_parser(
    analyzer: Analyzer, parser_calls_seen: list[str]
) -> None:
    articles = [
        Article(id="a", text=IRRELEVANT),
        Article(id="b", text=RELEVANT),
        Article(id="c", text=IRRELEVANT),
    ]
    analyses = list(analyzer.with_triage(True).analyze_many(articles))
    assert [a.doc.id for a in analyses] == ["a", "b", "c"]
    assert len(parser_calls_seen) == 1
    assert analyses[0].events == analyses[0].mentions == analyses[0].findings == []
    assert analyses[1].events, "the relevant article still yields its transfer"
    assert "bakeries" not in parser_calls_seen[0]  # unselected text was not parsed
    parser_calls_seen.clear()
    assert analyzer.with_triage(True).analyze(articles[0]).events == []
    assert parser_calls_seen == []


def test_triage_off_parses_everything(analyzer: Analyzer, parser_calls_seen: list[str]) -> None:
    analyzer.with_triage(False).analyze(Article(id="a", text=IRRELEVANT))
    assert parser_calls_seen == [IRRELEVANT]


def test_offsets_quote_the_original_text(analyzer: Analyzer, shared: Path, tmp_path: Path) -> None:
    articles_path = shared / "gold" / "dev" / "articles.jsonl"
    articles, _ = load_gold(articles_path.parent)
    output = tmp_path / "dev.jsonl"
    with output.open("w", encoding="utf-8") as stream:
        for analysis in analyzer.with_triage(True).analyze_many(articles):
            stream.write(analysis.model_dump_json() + "\n")
    checker = shared / "tools" / "check_output.py"
    result = subprocess.run(
        [sys.executable, str(checker), str(articles_path), str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def headline_numbers(scores: Scores) -> dict[str, float]:
    numbers = {
        "events.f1": scores.events.f1,
        "events.recall": scores.events.recall,
        "arms_transfer.f1": scores.arms_transfer.f1,
        "findings.f1": scores.findings.f1,
    }
    for name, attribute in scores.attributes.items():
        numbers[f"attributes.{name}"] = attribute.score or 0.0
    return numbers


@pytest.mark.parametrize("gold_set", ["seed", "dev"])
def test_triage_costs_no_recall(analyzer: Analyzer, shared: Path, gold_set: str) -> None:
    """Acceptance (issue 4): scores with triage on and off are equal within 0.02."""
    articles, gold = load_gold(shared / "gold" / gold_set)
    numbers = {}
    for enabled in (False, True):
        analyses = analyzer.with_triage(enabled).analyze_many(articles)
        system = {a.doc_id: analysis for a, analysis in zip(articles, analyses, strict=True)}
        numbers[enabled] = headline_numbers(score(gold, system))
    for name, value in numbers[False].items():
        assert numbers[True][name] == pytest.approx(value, abs=0.02), name
