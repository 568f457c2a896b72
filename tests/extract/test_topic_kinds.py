"""What names a cooperation's kind, read from hand-built parses (no trained model): the
civil and military words of the lexicon (``civil_topics``, ``military_topics``) decide,
a modifier's kind outranks its head's ('*energy* security' is civil, '*defence*
technology' military), and one military topic keeps the whole military.

Every sentence was written for these tests; none is a gold text.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from armswatch.extract.topic_guards import civil_topic
from armswatch.kb import load_kb

VOCAB = spacy.blank("en").vocab
Row = tuple[str, str, int]


def parsed(rows: list[Row]) -> Doc:
    """A Doc from (word, dep, head index) rows; lemmas are the lower-cased words."""
    words, deps, heads = zip(*rows, strict=True)
    return Doc(
        VOCAB,
        words=list(words),
        lemmas=[w.lower() for w in words],
        deps=list(deps),
        heads=list(heads),
    )


# 'cooperation' is token 1 in every parse
CASES: list[tuple[str, list[Row], bool]] = [
    ("energy modifier", [("energy", "compound", 1), ("cooperation", "ROOT", 1)], True),
    ("military modifier", [("military", "amod", 1), ("cooperation", "ROOT", 1)], False),
    ("bare", [("the", "det", 1), ("cooperation", "ROOT", 1)], False),
    ("economic and military",
     [("economic", "amod", 1), ("cooperation", "ROOT", 1), ("and", "cc", 0),
      ("military", "conj", 0)], False),
    ("on nuclear safety",
     [("the", "det", 1), ("cooperation", "ROOT", 1), ("on", "prep", 1),
      ("nuclear", "amod", 4), ("safety", "pobj", 2)], True),
    ("in trade and defence",
     [("the", "det", 1), ("cooperation", "ROOT", 1), ("in", "prep", 1),
      ("trade", "pobj", 2), ("and", "cc", 3), ("defence", "conj", 3)], False),
    ("energy security",
     [("energy", "compound", 2), ("cooperation", "ROOT", 1), ("security", "compound", 1)], True),
    ("defence technology",
     [("defence", "compound", 2), ("cooperation", "ROOT", 1), ("technology", "compound", 1)],
     False),
    ("fields of health",
     [("the", "det", 1), ("cooperation", "ROOT", 1), ("in", "prep", 1), ("fields", "pobj", 2),
      ("of", "prep", 3), ("health", "pobj", 4)], True),
    ("in Africa",
     [("the", "det", 1), ("cooperation", "ROOT", 1), ("in", "prep", 1),
      ("Africa", "pobj", 2)], False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rows", "civil"), CASES, ids=[c[0] for c in CASES])
def test_the_kind_of_a_cooperation(name: str, rows: list[Row], civil: bool) -> None:
    doc = parsed(rows)
    assert civil_topic(doc[1], load_kb().triggers.lexicon) is civil


def test_a_topic_on_the_verb_counts_for_its_object() -> None:
    # 'deepen cooperation on energy', 'on energy' hung on the verb
    doc = parsed(
        [("deepen", "ROOT", 0), ("cooperation", "dobj", 0), ("on", "prep", 0),
         ("energy", "pobj", 2)]
    )  # fmt: skip
    assert civil_topic(doc[1], load_kb().triggers.lexicon)


def test_a_modifier_misread_as_a_second_object_counts() -> None:
    # 'expand their fisheries cooperation' parsed with two objects of 'expand'
    doc = Doc(
        VOCAB,
        words=["expand", "their", "fisheries", "cooperation"],
        lemmas=["expand", "their", "fishery", "cooperation"],
        pos=["VERB", "PRON", "NOUN", "NOUN"],
        deps=["ROOT", "poss", "dobj", "dobj"],
        heads=[0, 2, 0, 0],
    )
    assert civil_topic(doc[3], load_kb().triggers.lexicon)
