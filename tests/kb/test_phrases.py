"""The phrase table that replaced spaCy's PhraseMatcher for the gazetteers: the same
words for every name of the knowledge base, the same matches, and a fast start-up."""

from __future__ import annotations

import time

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from armswatch.kb import DATA_DIR, load_kb, load_kb_from
from armswatch.nlp.gazetteer import actor_surface_forms, weapon_surface_forms
from armswatch.nlp.phrases import PhraseTable, phrase_words
from armswatch.pipeline import MODEL_NAME, Analyzer


@pytest.mark.slow
def test_every_name_has_the_words_of_the_tokenizer(analyzer: Analyzer) -> None:
    nlp = analyzer.nlp
    rules = frozenset(nlp.tokenizer.rules or {})  # type: ignore[union-attr]
    kb = load_kb()
    names = [*actor_surface_forms(kb), *weapon_surface_forms(kb), *kb.weapons.not_weapons]
    differ = {
        name: words
        for name in names
        if (words := phrase_words(nlp, name, rules))
        != [t.text for t in nlp.make_doc(name) if not t.is_space]
    }
    assert differ == {}


@pytest.mark.slow
@pytest.mark.parametrize("lower", [False, True])
def test_matches_are_those_of_the_phrase_matcher(analyzer: Analyzer, lower: bool) -> None:
    nlp = analyzer.nlp
    phrases = ["South Korea", "Korea", "K9 Thunder", "K9", "the North", "Mi-8AMT", "U.S."]
    text = (
        "The North sent K9 Thunder howitzers via the U.S. base; South Korea's K9 and "
        "the north's mi-8amt helicopters, said the north."
    )
    doc = nlp.make_doc(text)
    table = PhraseTable(nlp, lower=lower)
    table.add_all(phrases)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER" if lower else "ORTH")
    for phrase in phrases:
        matcher.add(phrase, [nlp.make_doc(phrase)])
    expected = sorted((nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc))
    assert sorted(table(doc)) == expected
    assert len(expected) >= 6


START_UP_BOUND_S = 3.0
"""Generous for a busy machine (main took ~2 s idle, ~6-10 s under the load of this
test suite's neighbours); the figure is printed. Issue 11 asks ≤ 0.5 s idle;
bench/startup.py measures it in fresh processes against a baseline tree."""


@pytest.mark.slow
def test_knowledge_base_start_up_is_fast(analyzer: Analyzer) -> None:
    """Loading the YAML and compiling it into a loaded model, without the model's load."""
    nlp = spacy.load(MODEL_NAME)
    original = spacy.load
    started = time.perf_counter()
    kb = load_kb_from(DATA_DIR)
    try:
        spacy.load = lambda *_a, **_k: nlp  # type: ignore[assignment]
        Analyzer(kb=kb)
    finally:
        spacy.load = original
    elapsed = time.perf_counter() - started
    print(f"knowledge base start-up: {elapsed:.3f} s")
    assert elapsed < START_UP_BOUND_S
