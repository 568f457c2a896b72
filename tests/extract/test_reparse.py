"""Parse repairs for transfer verbs the small model reads as nouns or modifiers.

The parses are built by hand (the misreadings the model makes on headlines and leads),
so these tests do not depend on which sentences the model happens to misread.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import spacy
from spacy.tokens import Doc

from armswatch.extract.syntax import (
    MentionIndex,
    buried_conjuncts,
    gerunds_read_as_modifiers,
    governors,
    promote_after_modal,
    promote_gerund,
    promote_to_verb,
    unbury_conjunct,
    verb_read_as_noun,
    verb_read_as_noun_after_modal,
)

VERBS = {"ship", "export", "donate", "supply"}
VOCAB = spacy.blank("en").vocab


def parsed(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A Doc from (word, tag, lemma, dep, head index) rows."""
    words, tags, lemmas, deps, heads = zip(*rows, strict=True)
    pos = ["VERB" if t.startswith("VB") else "PROPN" if t == "NNP" else "NOUN" for t in tags]
    return Doc(
        VOCAB,
        words=list(words),
        tags=list(tags),
        pos=pos,
        lemmas=list(lemmas),
        deps=list(deps),
        heads=list(heads),
    )


def opening_actor(doc: Doc) -> MentionIndex:
    """An index with the first word as an actor mention (only its span is read)."""
    mention: Any = SimpleNamespace(span=doc[0:1])
    return MentionIndex(actors={0: mention})


def test_plural_noun_after_the_opening_actor_becomes_the_verb() -> None:
    # 'Chile Exports Patrol Boats To Peru' read as one noun phrase headed by 'boats'
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "compound", 3),
            ("exports", "NNS", "export", "compound", 3),
            ("patrol", "NN", "patrol", "compound", 3),
            ("boats", "NNS", "boat", "ROOT", 3),
            ("to", "IN", "to", "prep", 3),
            ("Peru", "NNP", "Peru", "pobj", 4),
        ]
    )
    word = verb_read_as_noun(doc[:], opening_actor(doc), VERBS)
    assert word is not None and word.i == 1
    promote_to_verb(word, doc[0])
    assert (doc[1].dep_, doc[1].tag_) == ("ROOT", "VBZ")
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 1)
    assert (doc[3].dep_, doc[3].head.i) == ("dobj", 1)
    assert doc[4].head.i == 1  # 'to Peru' belongs to the verb


def test_participle_after_the_opening_actor_becomes_a_past_verb() -> None:
    # 'Chile shipped radars to Peru' read as 'Chile-shipped radars'
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "npadvmod", 1),
            ("shipped", "VBN", "ship", "amod", 2),
            ("radars", "NNS", "radar", "ROOT", 2),
            ("to", "IN", "to", "prep", 2),
            ("Peru", "NNP", "Peru", "pobj", 3),
        ]
    )
    word = verb_read_as_noun(doc[:], opening_actor(doc), VERBS)
    assert word is not None
    promote_to_verb(word, doc[0])
    assert (doc[1].dep_, doc[1].tag_, doc[2].dep_, doc[3].head.i) == ("ROOT", "VBD", "dobj", 1)


def test_a_sentence_with_a_finite_verb_is_left_alone() -> None:
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "compound", 1),
            ("ships", "NNS", "ship", "nsubj", 2),
            ("docked", "VBD", "dock", "ROOT", 2),
            ("in", "IN", "in", "prep", 2),
            ("Lima", "NNP", "Lima", "pobj", 3),
        ]
    )
    assert verb_read_as_noun(doc[:], opening_actor(doc), VERBS) is None


def test_a_noun_that_is_no_transfer_verb_is_left_alone() -> None:
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "compound", 2),
            ("rivers", "NNS", "river", "compound", 2),
            ("floods", "NNS", "flood", "ROOT", 2),
        ]
    )
    assert verb_read_as_noun(doc[:], opening_actor(doc), VERBS) is None


def test_transfer_verb_after_a_modal_read_as_a_modifier_becomes_the_verb() -> None:
    # 'Chile will no longer ship attack boats to Peru': 'ship' read as a compound of the
    # object, everything else hung on 'boats'
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "compound", 6),
            ("will", "MD", "will", "aux", 6),
            ("no", "RB", "no", "neg", 3),
            ("longer", "RB", "longer", "amod", 6),
            ("ship", "NN", "ship", "compound", 5),
            ("attack", "NN", "attack", "compound", 6),
            ("boats", "NNS", "boat", "ROOT", 6),
            ("to", "IN", "to", "prep", 6),
            ("Peru", "NNP", "Peru", "pobj", 7),
        ]
    )
    word = verb_read_as_noun_after_modal(doc[:], VERBS)
    assert word is not None and word.i == 4
    promote_after_modal(word)
    assert (doc[4].dep_, doc[4].pos_) == ("ROOT", "VERB")
    assert [(doc[i].dep_, doc[i].head.i) for i in (0, 1, 3, 6, 7)] == [
        ("nsubj", 4),
        ("aux", 4),
        ("advmod", 4),
        ("dobj", 4),
        ("prep", 4),
    ]


def test_a_transfer_noun_after_no_modal_is_left_alone() -> None:
    # 'Chile's ship repairs grew': 'ship' is a modifier, no modal before it
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "poss", 2),
            ("ship", "NN", "ship", "compound", 2),
            ("repairs", "NNS", "repair", "nsubj", 3),
            ("grew", "VBD", "grow", "ROOT", 3),
        ]
    )
    assert verb_read_as_noun_after_modal(doc[:], VERBS) is None


def test_gerund_read_as_the_objects_modifier_becomes_its_clause() -> None:
    # 'Chile denied donating rifles to Peru' with 'donating' a compound of 'rifles' and
    # 'to Peru' on 'denied'
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "nsubj", 1),
            ("denied", "VBD", "deny", "ROOT", 1),
            ("donating", "VBG", "donate", "compound", 3),
            ("rifles", "NNS", "rifle", "dobj", 1),
            ("to", "IN", "to", "prep", 1),
            ("Peru", "NNP", "Peru", "pobj", 4),
        ]
    )
    [gerund] = gerunds_read_as_modifiers(doc[:], VERBS)
    promote_gerund(gerund)
    assert (doc[2].dep_, doc[2].head.i) == ("xcomp", 1)
    assert (doc[3].dep_, doc[3].head.i) == ("dobj", 2)
    assert doc[4].head.i == 2


def test_a_modifier_that_is_no_gerund_of_a_transfer_verb_is_left_alone() -> None:
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "nsubj", 1),
            ("bought", "VBD", "buy", "ROOT", 1),
            ("fighting", "VBG", "fight", "amod", 3),
            ("vehicles", "NNS", "vehicle", "dobj", 1),
        ]
    )
    assert gerunds_read_as_modifiers(doc[:], VERBS) == []


def actors_at(doc: Doc, *spans: tuple[int, int]) -> MentionIndex:
    index = MentionIndex()
    for start, end in spans:
        mention: Any = SimpleNamespace(span=doc[start:end])
        for i in range(start, end):
            index.actors[i] = mention
    return index


def test_a_name_buried_as_the_modifier_of_the_next_becomes_its_conjunct() -> None:
    # 'to Peru and Costa Rica' read with 'Peru' a modifier of 'Rica'
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "nsubj", 1),
            ("sold", "VBD", "sell", "ROOT", 1),
            ("boats", "NNS", "boat", "dobj", 1),
            ("to", "IN", "to", "prep", 1),
            ("Peru", "NNP", "Peru", "nmod", 7),
            ("and", "CC", "and", "cc", 4),
            ("Costa", "NNP", "Costa", "conj", 4),
            ("Rica", "NNP", "Rica", "pobj", 3),
        ]
    )
    index = actors_at(doc, (0, 1), (4, 5), (6, 8))
    [(first, second)] = buried_conjuncts(doc[:], index)
    unbury_conjunct(first, second)
    assert (doc[4].dep_, doc[4].head.i) == ("pobj", 3)
    assert (doc[7].dep_, doc[7].head.i) == ("conj", 4)
    assert (doc[6].dep_, doc[6].head.i) == ("compound", 7)
    assert doc[5].head.i == 4


def test_names_already_coordinated_are_left_alone() -> None:
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "nsubj", 1),
            ("sold", "VBD", "sell", "ROOT", 1),
            ("boats", "NNS", "boat", "dobj", 1),
            ("to", "IN", "to", "prep", 1),
            ("Peru", "NNP", "Peru", "pobj", 3),
            ("and", "CC", "and", "cc", 4),
            ("Bolivia", "NNP", "Bolivia", "conj", 4),
        ]
    )
    assert buried_conjuncts(doc[:], actors_at(doc, (0, 1), (4, 5), (6, 7))) == []


def test_the_root_is_no_governor_of_itself() -> None:
    """The chain above a word ends at the root, once: spaCy makes a new Token object on
    each access, so an identity test never saw the root as its own head and the root
    came back as its own governor up to the hop limit."""
    doc = parsed(
        [
            ("Chile", "NNP", "Chile", "nsubj", 1),
            ("ordered", "VBD", "order", "ROOT", 1),
            ("tanks", "NNS", "tank", "dobj", 1),
        ]
    )
    assert [t.i for t in governors(doc[2])] == [1]
    assert list(governors(doc[1])) == []
