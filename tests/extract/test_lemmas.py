"""Every trigger verb is found in its inflected forms: the model's lemmatiser reads
'staged' as 'stag', so the lexicon's ``lemma_corrections`` put such forms right.

The forms are made by rule (-s, -ed, -ing), which is enough for the regular verbs the
lemmatiser gets wrong; a form that gives the lemma of another trigger of the same type
('appalled' → 'appal') is found all the same.
"""

from __future__ import annotations

import pytest

from armswatch.model import Article
from armswatch.pipeline import Analyzer

FRAMES = ("The ministers {} it on Monday.", "Kenya {} them.")


def regular_forms(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [f"{verb}d", f"{verb[:-1]}ing", f"{verb}s"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [f"{verb[:-1]}ied", f"{verb}ing", f"{verb[:-1]}ies"]
    return [f"{verb}ed", f"{verb}ing", f"{verb}es" if verb[-1] in "sxh" else f"{verb}s"]


@pytest.mark.slow
def test_inflected_trigger_verbs_keep_their_lemma(analyzer: Analyzer) -> None:
    triggers = analyzer.kb.triggers.triggers
    verbs = {
        t.lemma: t.type
        for t in triggers
        if "VERB" in t.pos and " " not in t.lemma and "-" not in t.lemma
    }
    types_of: dict[str, set[str]] = {}
    for t in triggers:
        types_of.setdefault(t.lemma, set()).add(t.type)
    texts, expected = [], []
    for verb, kind in sorted(verbs.items()):
        for form in regular_forms(verb):
            for frame in FRAMES:
                texts.append(frame.format(form))
                expected.append((verb, kind, form))
    wrong = []
    for doc, (verb, kind, form) in zip(analyzer.nlp.pipe(texts), expected, strict=True):
        token = next(t for t in doc if t.lower_ == form)
        lemma = token.lemma_.lower()
        if lemma != verb and kind not in types_of.get(lemma, set()):
            wrong.append(f"{form} → {lemma} (trigger {verb!r})")
    assert not wrong, "lemmatiser misses; add to lemma_corrections: " + ", ".join(
        sorted(set(wrong))
    )


@pytest.mark.slow
def test_corrected_form_makes_the_event(analyzer: Analyzer) -> None:
    events = analyzer.analyze(
        Article(text="Fiji staged naval drills with Tonga in March.", published="2024-06-01")
    ).events
    assert [e.type for e in events] == ["military_exercise"]
